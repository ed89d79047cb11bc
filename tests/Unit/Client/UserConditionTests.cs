using System;
using System.Linq;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Lookups;
using ModeScim.Client.Models;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>Each condition's filter, what the server must take for it, and the same condition checked here.</summary>
    public class UserConditionTests
    {
        private static ScimUser User(string userName, bool? active, params string[] emails)
        {
            return new ScimUser
            {
                UserName = userName,
                Active = active,
                Emails = emails.Select(e => new ScimMultiValue { Value = e }).ToList(),
            };
        }

        [Fact]
        public void An_email_pattern_without_a_literal_start_sends_nothing_and_matches_any_email_here()
        {
            var condition = ScimUserCondition.EmailLike("*@example.com", "", e => e.EndsWith("@example.com", StringComparison.Ordinal));

            Assert.Null(condition.Filter);
            Assert.True(condition.AnswerIsSuperset);
            Assert.True(condition.Matches(User("x", true, "x@test.com", "x@example.com")));
            Assert.False(condition.Matches(User("x", true)));
        }

        [Fact]
        public void An_email_pattern_needs_email_filters_sw_and_escapes_for_a_quote_in_its_start()
        {
            var condition = ScimUserCondition.EmailLike("o\"b*", "o\"b", _ => true);

            Assert.Equal("emails.value sw \"o\\\"b\"", condition.Filter!.ToString());
            Assert.Equal(new[] { ScimCapability.EmailFilter, ScimCapability.StartsWithFilter, ScimCapability.FilterEscapes },
                condition.Needs);
        }

        [Fact]
        public void A_plain_userName_needs_nothing_beyond_eq_and_is_matched_regardless_of_case()
        {
            var condition = ScimUserCondition.UserNameEquals("Ada@Example.com");

            Assert.Empty(condition.Needs);
            Assert.False(condition.AnswerIsSuperset);
            Assert.True(condition.Matches(User("ada@example.com", true)));
        }

        [Theory]
        [InlineData(true, null, true)]
        [InlineData(false, null, false)]
        [InlineData(false, false, true)]
        public void A_user_shown_without_active_counts_as_active(bool wanted, bool? active, bool matches)
        {
            Assert.Equal(matches, ScimUserCondition.Status(wanted).Matches(User("x", active)));
        }

        [Fact]
        public void A_search_asks_for_co_on_each_name_and_email_joined_by_or_and_needs_both()
        {
            var condition = ScimUserCondition.Search("Yang");

            Assert.Equal("userName co \"Yang\" or displayName co \"Yang\" or name.givenName co \"Yang\" or name.familyName co \"Yang\""
                + " or emails.value co \"Yang\"", condition.Filter!.ToString());
            Assert.Equal(new[] { ScimCapability.ContainsFilter, ScimCapability.OrFilter }, condition.Needs);
            Assert.False(condition.AnswerIsSuperset);
            Assert.Equal(new[] { ScimCapability.ContainsFilter, ScimCapability.OrFilter, ScimCapability.FilterEscapes },
                ScimUserCondition.Search("o\"b").Needs);
        }

        [Theory]
        [InlineData("AVA.Y", true)]
        [InlineData("van der", true)]
        [InlineData("wonder", true)]
        [InlineData("ROSA", true)]
        [InlineData("personal.example", true)]
        [InlineData("nobody", false)]
        public void A_search_matches_anywhere_in_a_userName_display_name_given_or_family_name_or_email_regardless_of_case(
            string text, bool matches)
        {
            var user = User("ava.yang@example.com", true, "ava.yang@example.com", "ava@personal.example.org");
            user.DisplayName = "Ava van der Berg";
            user.Name = new ScimName { GivenName = "Rosalind", FamilyName = "Wonderly" };

            Assert.Equal(matches, ScimUserCondition.Search(text).Matches(user));
        }

        [Fact]
        public void A_search_matches_a_user_with_nothing_but_a_userName_and_refuses_empty_text()
        {
            Assert.True(ScimUserCondition.Search("ada").Matches(new ScimUser { UserName = "Ada" }));
            Assert.False(ScimUserCondition.Search("ada").Matches(new ScimUser()));
            Assert.Throws<ArgumentException>(() => ScimUserCondition.Search(""));
        }
    }
}
