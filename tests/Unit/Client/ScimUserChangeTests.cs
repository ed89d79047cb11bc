using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ModeScim.Client;
using ModeScim.Client.Models;
using ModeScim.Client.Patching;
using ModeScim.Client.Updates;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>A user change becomes exactly the PATCH operations for what it names, in the form servers understand,
    /// and the same change applied to a read user gives what a PUT must send.</summary>
    public class ScimUserChangeTests
    {
        private static List<string> Operations(ScimPatchRequest patch)
        {
            return patch.Operations.Select(o => o.Op + " " + o.Path
                + (o.Value == null ? string.Empty : " = " + JsonSerializer.Serialize(o.Value, ScimJson.Options))).ToList();
        }

        private static ScimUser UserWithEmails(params ScimMultiValue[] emails)
        {
            return new ScimUser { Id = "u1", UserName = "ann@example.com", Emails = emails.ToList() };
        }

        private static ScimMultiValue Email(string value, string? type, bool? primary = null)
        {
            return new ScimMultiValue { Value = value, Type = type, Primary = primary, Display = "shown " + value };
        }

        [Fact]
        public void Names_every_attribute_it_changes_in_a_fixed_order()
        {
            var change = new ScimUserChange
            {
                ExternalId = "e",
                DisplayName = "d",
                FamilyName = "f",
                GivenName = "g",
                Email = "m@example.com",
                UserName = "u",
            };
            change.SetActive(false);

            Assert.Equal(new[] { "UserName", "Email", "GivenName", "FamilyName", "DisplayName", "ExternalId", "Active" },
                change.ChangedAttributes);
            Assert.False(change.IsEmpty);
        }

        [Fact]
        public void A_change_naming_nothing_is_empty_and_cannot_become_a_patch()
        {
            var change = new ScimUserChange();

            Assert.True(change.IsEmpty);
            Assert.Empty(change.ChangedAttributes);
            Assert.Throws<System.InvalidOperationException>(() => change.ToPatch(UserWithEmails()));
        }

        [Theory]
        [InlineData(true, "true")]
        [InlineData(false, "false")]
        public void Active_alone_is_one_replace(bool active, string json)
        {
            var change = new ScimUserChange();
            change.SetActive(active);

            Assert.Equal(new[] { "Active" }, change.ChangedAttributes);
            Assert.Equal(new[] { "replace active = " + json }, Operations(change.ToPatch(UserWithEmails())));
        }

        [Fact]
        public void Each_text_attribute_is_replaced_at_its_own_path()
        {
            var change = new ScimUserChange
            {
                UserName = "new@example.com",
                GivenName = "Ann",
                FamilyName = "Lee",
                DisplayName = "Ann Lee",
                ExternalId = "E-1",
            };

            Assert.Equal(new[]
            {
                "replace userName = \"new@example.com\"",
                "replace name.givenName = \"Ann\"",
                "replace name.familyName = \"Lee\"",
                "replace displayName = \"Ann Lee\"",
                "replace externalId = \"E-1\"",
            }, Operations(change.ToPatch(UserWithEmails())));
        }

        [Fact]
        public void An_empty_text_clears_the_attribute_with_a_remove()
        {
            var change = new ScimUserChange { GivenName = string.Empty, DisplayName = string.Empty, ExternalId = string.Empty };

            Assert.Equal(new[] { "remove name.givenName", "remove displayName", "remove externalId" },
                Operations(change.ToPatch(UserWithEmails())));
        }

        [Fact]
        public void A_user_without_an_address_gets_one_added_as_the_primary_work_address()
        {
            var change = new ScimUserChange { Email = "ann@example.com" };
            var user = UserWithEmails();

            Assert.False(change.UsesValuePath(user));
            Assert.Equal(new[] { "add emails = [{\"value\":\"ann@example.com\",\"type\":\"work\",\"primary\":true}]" },
                Operations(change.ToPatch(user)));
        }

        [Fact]
        public void The_one_work_address_is_changed_in_the_form_Entra_sends()
        {
            var change = new ScimUserChange { Email = "new@example.com" };
            var user = UserWithEmails(Email("old@example.com", "WORK"));

            Assert.True(change.UsesValuePath(user));
            Assert.Equal(new[] { "replace emails[type eq \"work\"].value = \"new@example.com\"" }, Operations(change.ToPatch(user)));
        }

        [Fact]
        public void With_two_work_addresses_the_primary_one_is_changed_by_its_value()
        {
            var change = new ScimUserChange { Email = "new@example.com" };
            var user = UserWithEmails(Email("first@example.com", "work"), Email("main@example.com", "work", true));

            Assert.Equal(new[] { "replace emails[value eq \"main@example.com\"].value = \"new@example.com\"" },
                Operations(change.ToPatch(user)));
        }

        [Fact]
        public void A_primary_address_that_is_not_work_is_changed_by_its_value()
        {
            var change = new ScimUserChange { Email = "new@example.com" };
            var user = UserWithEmails(Email("home@example.com", "home", true), Email("work@example.com", "work"));

            Assert.Equal(new[] { "replace emails[value eq \"home@example.com\"].value = \"new@example.com\"" },
                Operations(change.ToPatch(user)));
        }

        [Fact]
        public void Without_a_primary_the_first_address_is_the_one_changed()
        {
            var change = new ScimUserChange { Email = "new@example.com" };
            var user = UserWithEmails(Email("one@example.com", null), Email("two@example.com", "work"));

            Assert.Equal(new[] { "replace emails[value eq \"one@example.com\"].value = \"new@example.com\"" },
                Operations(change.ToPatch(user)));
        }

        [Fact]
        public void Where_value_paths_are_refused_the_whole_list_is_replaced_keeping_the_other_addresses()
        {
            var change = new ScimUserChange { Email = "new@example.com" };
            var user = UserWithEmails(Email("home@example.com", "home"), Email("main@example.com", "work", true));

            var operation = Assert.Single(change.ToPatch(user, valuePaths: false).Operations);

            Assert.Equal("replace", operation.Op);
            Assert.Equal("emails", operation.Path);
            var emails = Assert.IsType<List<ScimMultiValue>>(operation.Value);
            Assert.Equal(new[] { "home@example.com", "new@example.com" }, emails.Select(e => e.Value));
            Assert.Equal(new[] { "home", "work" }, emails.Select(e => e.Type));
            Assert.Equal(new bool?[] { null, true }, emails.Select(e => e.Primary));
            Assert.Equal(new[] { "shown home@example.com", "shown main@example.com" }, emails.Select(e => e.Display));
            Assert.Equal("main@example.com", user.Emails![1].Value);
        }

        [Fact]
        public void Applied_to_a_user_it_sets_what_it_names_and_leaves_the_rest()
        {
            var user = new ScimUser
            {
                UserName = "old@example.com",
                DisplayName = "Old",
                ExternalId = "E-0",
                Name = new ScimName { GivenName = "Old", FamilyName = "Keep" },
                Emails = new List<ScimMultiValue> { Email("x@example.com", "home"), Email("old@example.com", "work", true) },
            };
            var change = new ScimUserChange { UserName = "new@example.com", GivenName = "Ann", Email = "new@example.com" };
            change.SetActive(false);

            change.ApplyTo(user);

            Assert.Equal("new@example.com", user.UserName);
            Assert.Equal("Old", user.DisplayName);
            Assert.Equal("E-0", user.ExternalId);
            Assert.Equal("Ann", user.Name!.GivenName);
            Assert.Equal("Keep", user.Name.FamilyName);
            Assert.Equal(new[] { "x@example.com", "new@example.com" }, user.Emails!.Select(e => e.Value));
            Assert.False(user.Active);
        }

        [Fact]
        public void Applied_with_empty_texts_it_clears_those_attributes()
        {
            var user = new ScimUser
            {
                DisplayName = "Old",
                ExternalId = "E-0",
                Name = new ScimName { GivenName = "Old", FamilyName = "Lee" },
                Active = true,
            };

            new ScimUserChange { DisplayName = string.Empty, ExternalId = string.Empty, FamilyName = string.Empty }.ApplyTo(user);

            Assert.Null(user.DisplayName);
            Assert.Null(user.ExternalId);
            Assert.Null(user.Name!.FamilyName);
            Assert.Equal("Old", user.Name.GivenName);
            Assert.True(user.Active);
        }

        [Fact]
        public void Applied_to_a_user_without_name_or_address_it_creates_them()
        {
            var user = new ScimUser { UserName = "ann@example.com" };

            new ScimUserChange { FamilyName = "Lee", Email = "ann@example.com" }.ApplyTo(user);

            Assert.Equal("Lee", user.Name!.FamilyName);
            Assert.Null(user.Name.GivenName);
            var email = Assert.Single(user.Emails!);
            Assert.Equal(("ann@example.com", "work", (bool?)true), (email.Value, email.Type, email.Primary));
        }

        [Fact]
        public void Applied_without_a_name_change_it_leaves_a_missing_name_missing()
        {
            var user = new ScimUser { UserName = "ann@example.com" };

            new ScimUserChange { DisplayName = "Ann" }.ApplyTo(user);

            Assert.Null(user.Name);
            Assert.Null(user.Emails);
        }
    }
}
