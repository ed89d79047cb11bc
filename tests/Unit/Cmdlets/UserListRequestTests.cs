using ModeScim.Client;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Users;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>Get-ModeUser's parameters as the client's selections, and values refused before any request. (PowerShell's
    /// reference assembly, which the tests load, matches no wildcard: patterns are tested in Get-ModeUser.Tests.ps1.)</summary>
    public class UserListRequestTests
    {
        [Theory]
        [InlineData("ava.*", "ava.")]
        [InlineData("a?a*", "a")]
        [InlineData("[ab]*", "")]
        [InlineData("o`*brien", "o")]
        [InlineData("plain@example.com", "plain@example.com")]
        public void The_literal_start_of_a_pattern_ends_at_its_first_wildcard_or_escape(string pattern, string prefix)
        {
            Assert.Equal(prefix, UserCriteria.LiteralPrefix(pattern));
        }

        [Fact]
        public void Each_value_is_one_selection_with_the_status_and_only_exact_values_must_find_someone()
        {
            var request = new UserListRequest("Email", new[] { "ada@example.com", "", "bob@example.com" }, ModeUserStatus.Inactive,
                "title pr", 0);

            Assert.Equal(2, request.Selections.Count);
            Assert.All(request.Selections, s => Assert.Equal("inactive", s.Conditions[s.Conditions.Count - 1].Description));
            Assert.All(request.Selections, s => Assert.Equal("title pr", s.Filter!.ToString()));
            Assert.Equal("email 'bob@example.com'", request.Selections[1].Conditions[0].Description);
            Assert.Equal("bob@example.com", request.ExactValue(request.Selections[1]));
            Assert.Single(request.Refused);
        }

        [Fact]
        public void Each_search_value_is_one_selection_never_exact_and_blank_text_is_refused()
        {
            var request = new UserListRequest(UserListRequest.SearchParameter, new[] { " yang ", "  " }, ModeUserStatus.Any, null, 0);

            var selection = Assert.Single(request.Selections);
            Assert.Equal("userName, name or email containing 'yang'", selection.Conditions[0].Description);
            Assert.Null(request.ExactValue(selection));
            Assert.Equal("yang", request.SearchedText(selection));
            Assert.Single(request.Refused);
        }

        [Theory]
        [InlineData("ava.y*", "ava.y*")]
        [InlineData("team[ops]*", "team`[ops`]*")]
        [InlineData("a?b", "a?b")]
        [InlineData("team[ops]@example.com", null)]
        [InlineData("o`brien@example.com", null)]
        public void Identity_text_is_a_pattern_only_with_a_star_or_question_mark_and_its_brackets_stay_literal(string text,
            string? pattern)
        {
            Assert.Equal(pattern, UserCriteria.IdentityPattern(text));
        }

        [Theory]
        [InlineData("https://host", "tried GET https://host/Users", "usually ends in /scim/v2, such as https://host/scim/v2.")]
        [InlineData("https://host/api/acme/scim/v2/", "tried GET https://host/api/acme/scim/v2/Users", "Check the workspace name")]
        public void A_base_answering_404_on_Users_shows_what_was_tried_and_what_to_change(string baseUri, string tried, string advice)
        {
            var hint = ModeScim.PowerShell.Connections.ConnectionHints.NoScimAt(new System.Uri(baseUri));

            Assert.Contains(tried, hint, System.StringComparison.Ordinal);
            Assert.Contains(advice, hint, System.StringComparison.Ordinal);
        }

        [Fact]
        public void No_values_and_any_status_is_one_selection_of_every_user()
        {
            var request = new UserListRequest(null, null, ModeUserStatus.Any, null, 0);

            var selection = Assert.Single(request.Selections);
            Assert.Empty(selection.Conditions);
            Assert.Null(selection.Filter);
        }

        [Theory]
        [InlineData("userName eq \"unterminated", 0UL)]
        [InlineData(null, 2147483647UL)]
        public void An_unbalanced_filter_or_a_skip_past_SCIMs_startIndex_leaves_nothing_to_list(string? filter, ulong skip)
        {
            var request = new UserListRequest("Email", new[] { "ada@example.com" }, ModeUserStatus.Any, filter, skip);

            Assert.Empty(request.Selections);
            Assert.Single(request.Refused);
        }

        [Theory]
        [InlineData("invalidFilter", ModeScimErrorIds.InvalidFilter)]
        [InlineData("invalidValue", ModeScimErrorIds.InvalidRequest)]
        public void A_bad_request_is_an_invalid_filter_by_the_clients_word_only(string scimType, string id)
        {
            var error = new ScimException(ScimErrorKind.BadRequest, "GET", "Users", 400, scimType, null);

            Assert.Equal(id, ErrorRecordFactory.Classify(error, ScimResourceKind.User).Id);
        }
    }
}
