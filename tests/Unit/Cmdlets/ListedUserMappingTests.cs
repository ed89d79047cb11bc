using System.Collections.Generic;
using System.Text.Json;
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
        public void Users_of_one_listing_share_one_copy_of_each_group_id_and_name()
        {
            var shared = new SharedStrings();

            var ada = ModeUserMapper.ToModeUser(User("1", "ada@example.com", "g-1", "Finance"), shared);
            var bob = ModeUserMapper.ToModeUser(User("2", "bob@example.com", "g-1", "Finance"), shared);

            Assert.Equal("g-1", bob.Groups[0].Id);
            Assert.Equal("Finance", bob.Groups[0].DisplayName);
            Assert.Same(ada.Groups[0].Id, bob.Groups[0].Id);
            Assert.Same(ada.Groups[0].DisplayName, bob.Groups[0].DisplayName);
            Assert.Same(ada.GivenName, bob.GivenName);
        }

        [Fact]
        public void A_location_under_the_collection_reads_as_the_server_sent_it()
        {
            var shared = new SharedStrings();

            var ada = ModeUserMapper.ToModeUser(User("1", "ada@example.com", "g-1", "Finance"), shared);
            var bob = ModeUserMapper.ToModeUser(User("2", "bob@example.com", "g-1", "Finance"), shared);

            Assert.Equal(Users + "1", ada.Location);
            Assert.Equal(Users + "2", bob.Location);
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

            Assert.Equal(location, ModeUserMapper.ToModeUser(user, new SharedStrings()).Location);
        }

        [Fact]
        public void A_location_set_by_a_script_replaces_the_composed_one()
        {
            var ada = ModeUserMapper.ToModeUser(User("1", "ada@example.com", "g-1", "Finance"), new SharedStrings());

            ada.Location = "elsewhere";

            Assert.Equal("elsewhere", ada.Location);
        }

        [Fact]
        public void The_email_that_is_the_user_name_is_one_copy()
        {
            var ada = ModeUserMapper.ToModeUser(User("1", "ada@example.com", "g-1", "Finance"), new SharedStrings());

            Assert.Same(ada.UserName, ada.Email);
            Assert.Same(ada.UserName, ada.Emails[0]);
        }

        [Fact]
        public void Extension_attributes_are_kept_and_none_read_as_an_empty_set()
        {
            var plain = ModeUserMapper.ToModeUser(User("1", "ada@example.com", "g-1", "Finance"));
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
            var ada = ModeUserMapper.ToModeUser(User("1", "ada@example.com", "g-1", "Finance"));

            Assert.Equal("Finance", ada.Groups.ToString());
            Assert.True(((ICollection<ModeGroupMembership>)ada.Groups).IsReadOnly);
            Assert.Empty(new ModeList<string>());
        }

        [Fact]
        public void Sharing_stops_at_its_bound_and_still_returns_the_text()
        {
            var shared = new SharedStrings();
            for (var i = 0; i < 10_000; i++)
            {
                shared.Share("text" + i);
            }

            var beyond = new string('x', 3);

            Assert.Same(beyond, shared.Share(beyond));
            Assert.NotSame(beyond, shared.Share(new string('x', 3)));
            Assert.Null(shared.Share(null));
        }

        private static ScimUser User(string id, string userName, string groupId, string groupName)
        {
            return new ScimUser
            {
                Id = id,
                UserName = new string(userName.ToCharArray()),
                Name = new ScimName { GivenName = new string("Sam".ToCharArray()), FamilyName = "Lee" },
                Emails = new List<ScimMultiValue> { new ScimMultiValue { Value = new string(userName.ToCharArray()), Primary = true } },
                Groups = new List<ScimMultiValue>
                {
                    new ScimMultiValue { Value = new string(groupId.ToCharArray()), Display = new string(groupName.ToCharArray()) },
                },
                Meta = new ScimMeta { Location = Users + id },
            };
        }
    }
}
