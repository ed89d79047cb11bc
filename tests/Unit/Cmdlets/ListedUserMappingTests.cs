using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Models;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>Users mapped for a listing hold what every user repeats once, and still read exactly as the server
    /// sent them.</summary>
    public sealed class ListedUserMappingTests
    {
        private const string Users = "https://mode.example/scim/v2/Users/";

        [Fact]
        public void Users_of_one_listing_with_the_same_groups_share_one_list_of_them()
        {
            var shared = new ListingSharing();

            var ada = ModeUserMapper.ToModeUser(User("1", "ada@example.com", "g-1", "Finance"), shared, Truthful);
            var bob = ModeUserMapper.ToModeUser(User("2", "bob@example.com", "g-1", "Finance"), shared, Truthful);

            Assert.Equal("g-1", bob.Groups![0].Id);
            Assert.Equal("Finance", bob.Groups![0].DisplayName);
            Assert.Same(ada.Groups, bob.Groups);
            Assert.Same(ada.GivenName, bob.GivenName);
        }

        [Fact]
        public void Users_with_different_groups_share_the_memberships_they_have_in_common()
        {
            var shared = new ListingSharing();
            var ada = User("1", "ada@example.com", "g-1", "Finance");
            ada.Groups!.Add(new ScimMultiValue { Value = "g-2", Display = "Sales" });

            var mappedAda = ModeUserMapper.ToModeUser(ada, shared, Truthful);
            var bob = ModeUserMapper.ToModeUser(User("2", "bob@example.com", "g-1", "Finance"), shared, Truthful);

            Assert.Equal(new[] { "Finance", "Sales" }, mappedAda.Groups!.Select(g => g.ToString()));
            Assert.Equal(new[] { "Finance" }, bob.Groups!.Select(g => g.ToString()));
            Assert.Same(mappedAda.Groups![0].Id, bob.Groups![0].Id);
            Assert.Same(mappedAda.Groups![0].DisplayName, bob.Groups![0].DisplayName);
        }

        [Theory]
        [InlineData("a:b", null, "a", ":b")]
        [InlineData("a", "b", "a", "b ")]
        [InlineData("1:a", "", "1", ":a")]
        public void Different_groups_never_read_as_the_same_set(string firstId, string? firstName, string secondId, string secondName)
        {
            var shared = new ListingSharing();
            var first = ModeUserMapper.ToModeUser(User("1", "ada@example.com", firstId, firstName), shared, Truthful);

            var second = ModeUserMapper.ToModeUser(User("2", "bob@example.com", secondId, secondName), shared, Truthful);

            Assert.NotSame(first.Groups, second.Groups);
            Assert.Equal(secondId, second.Groups![0].Id);
            Assert.Equal(secondName, second.Groups![0].DisplayName);
        }

        [Fact]
        public void A_group_without_an_id_is_left_out_and_an_empty_list_reads_as_no_groups()
        {
            var shared = new ListingSharing();
            var ada = User("1", "ada@example.com", "g-1", "Finance");
            ada.Groups!.Insert(0, new ScimMultiValue { Display = "No id" });
            var bob = User("2", "bob@example.com", "g-1", "Finance");
            bob.Groups!.Clear();
            bob.ReadAs = ScimReadKind.Single;

            Assert.Equal(new[] { "g-1" }, ModeUserMapper.ToModeUser(ada, shared, Truthful).Groups!.Select(g => g.Id));
            var mappedBob = ModeUserMapper.ToModeUser(bob, shared, Truthful);
            Assert.Empty(mappedBob.Groups!);
            Assert.True(mappedBob.GroupsKnown);
        }

        [Fact]
        public void Groups_left_out_of_a_listing_not_seen_to_carry_them_are_unknown_never_empty()
        {
            var bob = User("2", "bob@example.com", "g-1", "Finance");
            bob.Groups = null;
            bob.ReadAs = ScimReadKind.List;

            var mapped = ModeUserMapper.ToModeUser(bob, new ListingSharing(), Truthful);

            Assert.Null(mapped.Groups);
            Assert.False(mapped.GroupsKnown);
        }

        [Fact]
        public void An_empty_list_in_a_listing_that_names_groups_is_none_but_a_missing_one_is_unknown()
        {
            var carrying = new ScimServerCapabilities();
            carrying.Learn(ScimCapability.UserGroups, true);
            carrying.Learn(ScimCapability.UserGroupsInLists, true);
            var bob = User("2", "bob@example.com", "g-1", "Finance");
            bob.Groups!.Clear();
            bob.ReadAs = ScimReadKind.List;
            var cy = User("3", "cy@example.com", "g-1", "Finance");
            cy.Groups = null;
            cy.ReadAs = ScimReadKind.List;

            var mappedBob = ModeUserMapper.ToModeUser(bob, new ListingSharing(), carrying);
            var mappedCy = ModeUserMapper.ToModeUser(cy, new ListingSharing(), carrying);

            Assert.Empty(mappedBob.Groups!);
            Assert.True(mappedBob.GroupsKnown);
            Assert.Null(mappedCy.Groups);
            Assert.False(mappedCy.GroupsKnown);
        }

        [Theory]
        [InlineData(ScimSupport.Unknown)]
        [InlineData(ScimSupport.Unsupported)]
        public void An_empty_list_from_a_server_whose_groups_are_not_known_true_is_unknown(ScimSupport truth)
        {
            var capabilities = new ScimServerCapabilities();
            if (truth != ScimSupport.Unknown)
            {
                capabilities.Learn(ScimCapability.UserGroups, false);
            }
            var bob = User("2", "bob@example.com", "g-1", "Finance");
            bob.Groups!.Clear();

            var mapped = ModeUserMapper.ToModeUser(bob, new ListingSharing(), capabilities);

            Assert.Null(mapped.Groups);
            Assert.False(mapped.GroupsKnown);
        }

        [Fact]
        public void A_location_under_the_collection_reads_as_the_server_sent_it()
        {
            var shared = new ListingSharing();

            var ada = ModeUserMapper.ToModeUser(User("1", "ada@example.com", "g-1", "Finance"), shared, Truthful);
            var bob = ModeUserMapper.ToModeUser(User("2", "bob@example.com", "g-1", "Finance"), shared, Truthful);

            Assert.Equal(Users + "1", ada.Location);
            Assert.Equal(Users + "2", bob.Location);
        }

        [Fact]
        public void Locations_under_different_addresses_each_read_as_sent()
        {
            var shared = new ListingSharing();
            var ada = User("1", "ada@example.com", "g-1", "Finance");
            var bob = User("2", "bob@example.com", "g-1", "Finance");
            bob.Meta!.Location = "https://mode.example/scim/v2/Users/x2";
            var cy = User("3", "cy@example.com", "g-1", "Finance");

            var mapped = new[] { ada, bob, cy }.Select(u => ModeUserMapper.ToModeUser(u, shared, Truthful)).ToList();

            Assert.Equal(new[] { Users + "1", Users + "x2", Users + "3" }, mapped.Select(u => u.Location));
        }

        [Theory]
        [InlineData("https://mode.example/scim/v2/Users/other")]
        [InlineData("1")]
        [InlineData("")]
        [InlineData(null)]
        public void Any_other_location_is_kept_as_sent(string? location)
        {
            var user = User("1", "ada@example.com", "g-1", "Finance");
            user.Meta!.Location = location;

            Assert.Equal(location, ModeUserMapper.ToModeUser(user, new ListingSharing()).Location);
        }

        [Fact]
        public void A_location_set_by_a_script_replaces_the_composed_one()
        {
            var ada = ModeUserMapper.ToModeUser(User("1", "ada@example.com", "g-1", "Finance"), new ListingSharing());

            ada.Location = "elsewhere";

            Assert.Equal("elsewhere", ada.Location);
        }

        [Fact]
        public void The_email_that_is_the_user_name_is_one_copy()
        {
            var ada = ModeUserMapper.ToModeUser(User("1", "ada@example.com", "g-1", "Finance"), new ListingSharing());

            Assert.Same(ada.UserName, ada.Email);
            Assert.Same(ada.UserName, ada.Emails[0]);
        }

        [Fact]
        public void Extension_attributes_are_kept_and_none_read_as_an_empty_set()
        {
            var plain = ModeUserMapper.ToModeUser(User("1", "ada@example.com", "g-1", "Finance"), null, Truthful);
            var extended = User("2", "bob@example.com", "g-1", "Finance");
            extended.AdditionalAttributes = new Dictionary<string, JsonElement>
            {
                ["costCenter"] = JsonDocument.Parse("\"4130\"").RootElement,
            };

            Assert.Empty(plain.AdditionalAttributes);
            Assert.Equal("", plain.AdditionalAttributes.ToString());
            Assert.Equal("4130", ModeUserMapper.ToModeUser(extended).AdditionalAttributes["costCenter"]);
        }

        [Fact]
        public void A_list_in_the_output_reads_its_items_and_refuses_changes()
        {
            var ada = ModeUserMapper.ToModeUser(User("1", "ada@example.com", "g-1", "Finance"), null, Truthful);

            Assert.Equal("Finance", ada.Groups!.ToString());
            Assert.True(((ICollection<ModeGroupMembership>)ada.Groups).IsReadOnly);
            Assert.Empty(new ModeList<string>());
        }

        [Fact]
        public void Sharing_stops_at_its_bound_and_still_returns_the_text()
        {
            var shared = new ListingSharing();
            for (var i = 0; i < 10_000; i++)
            {
                shared.Text("text" + i);
            }

            var beyond = new string('x', 3);

            Assert.Same(beyond, shared.Text(beyond));
            Assert.NotSame(beyond, shared.Text(new string('x', 3)));
            Assert.Null(shared.Text(null));
        }

        private static ScimServerCapabilities Truthful
        {
            get
            {
                var capabilities = new ScimServerCapabilities();
                capabilities.Learn(ScimCapability.UserGroups, true);
                return capabilities;
            }
        }

        private static ScimUser User(string id, string userName, string groupId, string? groupName)
        {
            return new ScimUser
            {
                Id = id,
                UserName = new string(userName.ToCharArray()),
                Name = new ScimName { GivenName = new string("Sam".ToCharArray()), FamilyName = "Lee" },
                Emails = new List<ScimMultiValue> { new ScimMultiValue { Value = new string(userName.ToCharArray()), Primary = true } },
                Groups = new List<ScimMultiValue>
                {
                    new ScimMultiValue
                    {
                        Value = new string(groupId.ToCharArray()),
                        Display = groupName == null ? null : new string(groupName.ToCharArray()),
                    },
                },
                Meta = new ScimMeta { Location = Users + id },
            };
        }
    }
}
