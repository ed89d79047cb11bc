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
    }
}
