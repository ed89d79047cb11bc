using System;
using ModeScim.Client;
using ModeScim.Client.Filtering;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>The exact text of every filter form the client can build, of every refusal of a hand-written filter,
    /// and of the client's errors, which admins read in their terminals and logs.</summary>
    public class FilterAndErrorTextTests
    {
        [Fact]
        public void Every_comparison_operator_is_written_with_its_own_name()
        {
            Assert.Equal("title ne \"x\"", ScimFilter.NotEqual("title", "x").ToString());
            Assert.Equal("title co \"x\"", ScimFilter.Contains("title", "x").ToString());
            Assert.Equal("title sw \"x\"", ScimFilter.StartsWith("title", "x").ToString());
            Assert.Equal("title ew \"x\"", ScimFilter.EndsWith("title", "x").ToString());
            Assert.Equal("active eq true", ScimFilter.Equal("active", true).ToString());
            Assert.Equal("active eq false", ScimFilter.Equal("active", false).ToString());
            Assert.Equal("externalId pr", ScimFilter.Present("externalId").ToString());
        }

        [Fact]
        public void A_negation_wraps_its_operand_and_is_combined_without_more_parentheses()
        {
            var not = ScimFilter.Not(ScimFilter.Present("externalId"));

            Assert.Equal("not (externalId pr)", not.ToString());
            Assert.Equal("not (externalId pr) and active eq true", ScimFilter.And(not, ScimFilter.Equal("active", true)).ToString());
            Assert.Throws<ArgumentNullException>(() => ScimFilter.Not(null!));
        }

        [Fact]
        public void A_combination_needs_a_filter_and_one_filter_is_itself()
        {
            var one = ScimFilter.Equal("userName", "a");

            Assert.Same(one, ScimFilter.Or(one, null!));
            var error = Assert.Throws<ArgumentException>(() => ScimFilter.And(new ScimFilter[] { null! }));
            Assert.StartsWith("At least one filter is needed.", error.Message);
            Assert.Throws<ArgumentNullException>(() => ScimFilter.Or(null!));
        }

        [Fact]
        public void A_raw_filter_is_kept_trimmed_and_parenthesised_when_combined()
        {
            var raw = ScimFilter.Raw("  userName eq \"a\" or userName eq \"b\"  ");

            Assert.Equal("userName eq \"a\" or userName eq \"b\"", raw.ToString());
            Assert.Equal("(userName eq \"a\" or userName eq \"b\") and active eq true",
                ScimFilter.And(raw, ScimFilter.Equal("active", true)).ToString());
        }

        [Theory]
        [InlineData("back\bspace", "\"back\\bspace\"")]
        [InlineData("form\ffeed", "\"form\\ffeed\"")]
        [InlineData("new\nline", "\"new\\nline\"")]
        [InlineData("carriage\rreturn", "\"carriage\\rreturn\"")]
        [InlineData("del\u007f", "\"del\\u007f\"")]
        [InlineData("line\u2028sep", "\"line\\u2028sep\"")]
        public void Control_characters_and_line_separators_are_escaped(string value, string quoted)
        {
            Assert.Equal(quoted, ScimFilter.Quote(value));
        }

        // Built in code: a lone surrogate does not survive being theory data.
        [Fact]
        public void Lone_surrogates_are_escaped_wherever_they_stand_and_pairs_are_kept()
        {
            var high = "\ud800";
            var low = "\udc00";
            var pair = "\ud83d\ude00";

            Assert.Equal("\"\\udc00 first\"", ScimFilter.Quote(low + " first"));
            Assert.Equal("\"last \\ud800\"", ScimFilter.Quote("last " + high));
            Assert.Equal("\"a \\udc00 b\"", ScimFilter.Quote("a " + low + " b"));
            Assert.Equal("\"\\ud800x\"", ScimFilter.Quote(high + "x"));
            Assert.Equal("\"" + pair + " kept\"", ScimFilter.Quote(pair + " kept"));
            Assert.Equal("\"kept " + pair + "\"", ScimFilter.Quote("kept " + pair));
        }

        [Fact]
        public void Quoting_nothing_is_refused()
        {
            Assert.Throws<ArgumentNullException>(() => ScimFilter.Quote(null!));
        }

        [Theory]
        [InlineData("   ", "A filter must not be empty.")]
        [InlineData("userName eq \"a\")", "The filter has an unmatched ')' at position 16.")]
        [InlineData("emails[type eq \"work\")", "The filter has an unmatched ')' at position 22.")]
        [InlineData("(userName eq \"a\"]", "The filter has an unmatched ']' at position 17.")]
        [InlineData("userName eq \"open", "The filter has an unterminated string.")]
        [InlineData("emails[type eq \"work\"", "The filter has an unclosed '['.")]
        [InlineData("((userName pr)", "The filter has an unclosed '('.")]
        public void A_hand_written_filter_that_cannot_be_valid_is_refused_with_where_it_breaks(string text, string message)
        {
            var error = Assert.Throws<ArgumentException>(() => ScimFilter.Raw(text));

            Assert.StartsWith(message, error.Message);
            Assert.Equal("filterText", error.ParamName);
        }

        [Fact]
        public void An_escaped_quote_inside_a_string_does_not_end_it()
        {
            Assert.Equal("userName eq \"a\\\")\"", ScimFilter.Raw("userName eq \"a\\\")\"").ToString());
        }

        [Fact]
        public void A_bad_attribute_path_is_named_in_the_refusal()
        {
            var error = Assert.Throws<ArgumentException>(() => ScimFilter.Equal("user name", "x"));

            Assert.StartsWith("'user name' is not a SCIM attribute path.", error.Message);
            Assert.Equal("attributePath", error.ParamName);
        }

        [Fact]
        public void An_error_with_a_status_names_request_status_type_and_detail()
        {
            var error = new ScimException(ScimErrorKind.BadRequest, "PATCH", "Groups/g1", 400, "noTarget", "no such member");

            Assert.Equal("PATCH Groups/g1 failed: HTTP 400 (noTarget): no such member", error.Message);
            Assert.Equal("GET Users failed: HTTP 500", new ScimException(ScimErrorKind.ServerError, "GET", "Users", 500, "", "").Message);
        }

        [Theory]
        [InlineData(ScimErrorKind.Timeout, "no response before the timeout")]
        [InlineData(ScimErrorKind.OutcomeUnknown, "the connection failed after the request was sent, so the server may have applied it")]
        [InlineData(ScimErrorKind.InvalidResponse, "the response was not valid SCIM JSON")]
        [InlineData(ScimErrorKind.ResponseTooLarge, "the response is larger than the client accepts")]
        [InlineData(ScimErrorKind.ListingTooLong, "the listing has more pages than the client accepts")]
        [InlineData(ScimErrorKind.Network, "the server could not be reached")]
        public void An_error_without_a_status_says_what_happened(ScimErrorKind kind, string words)
        {
            Assert.Equal("POST Users failed: " + words, new ScimException(kind, "POST", "Users", null, null, null).Message);
        }

        [Theory]
        [InlineData(400, null, true)]
        [InlineData(400, "invalidFilter", true)]
        [InlineData(400, "invalidPath", true)]
        [InlineData(400, "invalidValue", false)]
        [InlineData(400, "noTarget", false)]
        [InlineData(501, null, true)]
        [InlineData(500, null, false)]
        [InlineData(404, null, false)]
        public void Only_a_refused_form_counts_as_unsupported(int status, string? scimType, bool unsupported)
        {
            var kind = status == 400 ? ScimErrorKind.BadRequest : status == 404 ? ScimErrorKind.NotFound : ScimErrorKind.ServerError;

            Assert.Equal(unsupported, new ScimException(kind, "GET", "Users", status, scimType, null).IsUnsupportedForm);
        }

        [Theory]
        [InlineData("invalidFilter", true)]
        [InlineData("INVALIDFILTER", true)]
        [InlineData("invalidPath", false)]
        [InlineData(null, false)]
        public void An_invalid_filter_is_told_by_its_scim_type_in_any_case(string? scimType, bool invalidFilter)
        {
            Assert.Equal(invalidFilter, new ScimException(ScimErrorKind.BadRequest, "GET", "Users", 400, scimType, null).IsInvalidFilter);
        }

        [Theory]
        [InlineData(ScimErrorKind.BadRequest, "noTarget", true)]
        [InlineData(ScimErrorKind.BadRequest, "NOTARGET", false)]
        [InlineData(ScimErrorKind.BadRequest, "invalidPath", false)]
        [InlineData(ScimErrorKind.Conflict, "noTarget", false)]
        public void No_target_is_a_400_with_exactly_that_type(ScimErrorKind kind, string scimType, bool noTarget)
        {
            Assert.Equal(noTarget, new ScimException(kind, "PATCH", "Groups/g1", 400, scimType, null).IsNoTarget);
        }
    }
}
