using System;
using ModeScim.Client.Filtering;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    public class ScimFilterTests
    {
        [Fact]
        public void Quotes_a_plain_value_as_a_json_string()
        {
            Assert.Equal("userName eq \"ada@example.com\"", ScimFilter.Equal("userName", "ada@example.com").ToString());
        }

        [Theory]
        [InlineData("o\"brien@x", "\"o\\\"brien@x\"")]
        [InlineData("back\\slash", "\"back\\\\slash\"")]
        [InlineData("tab\there", "\"tab\\there\"")]
        [InlineData("nul\0byte", "\"nul\\u0000byte\"")]
        [InlineData("bell\u0007", "\"bell\\u0007\"")]
        public void Escapes_quotes_backslashes_and_control_characters(string value, string expected)
        {
            Assert.Equal(expected, ScimFilter.Quote(value));
        }

        [Fact]
        public void Keeps_unicode_and_right_to_left_marks_as_they_are()
        {
            Assert.Equal("\"Núñez\u200f李\"", ScimFilter.Quote("Núñez\u200f李"));
        }

        [Fact]
        public void Escapes_an_unpaired_surrogate_so_the_filter_can_be_url_encoded()
        {
            var quoted = ScimFilter.Quote("a\ud800b");
            Assert.Equal("\"a\\ud800b\"", quoted);
            Uri.EscapeDataString(quoted);
        }

        // Expected strings written by hand from RFC 7644 3.4.2.2 and RFC 8259 7 (a quote and a backslash inside a
        // string are escaped with a backslash), not produced by any parser of ours.
        [Theory]
        [InlineData("a\" or userName pr \"", @"userName eq ""a\"" or userName pr \""""")]
        [InlineData("x\") or (userName pr", @"userName eq ""x\"") or (userName pr""")]
        [InlineData("\\\" or id pr or \"", @"userName eq ""\\\"" or id pr or \""""")]
        public void An_injection_attempt_stays_inside_one_string_literal(string hostile, string expected)
        {
            Assert.Equal(expected, ScimFilter.Equal("userName", hostile).ToString());
        }

        [Theory]
        [InlineData("userName eq \"x\" or id")]
        [InlineData("")]
        [InlineData("user name")]
        [InlineData("emails[type eq \"work\"]")]
        public void Refuses_an_attribute_path_that_is_not_one(string path)
        {
            Assert.Throws<ArgumentException>(() => ScimFilter.Equal(path, "v"));
        }

        [Fact]
        public void Accepts_schema_qualified_and_sub_attribute_paths()
        {
            Assert.Equal(
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"7\"",
                ScimFilter.Equal("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "7").ToString());
            Assert.Equal("name.familyName sw \"O\"", ScimFilter.StartsWith("name.familyName", "O").ToString());
        }

        [Fact]
        public void Parenthesises_composite_operands_so_precedence_survives()
        {
            var filter = ScimFilter.And(ScimFilter.Or(ScimFilter.Equal("userName", "a"), ScimFilter.Equal("userName", "b")),
                ScimFilter.Equal("active", true));
            Assert.Equal("(userName eq \"a\" or userName eq \"b\") and active eq true", filter.ToString());
        }

        [Theory]
        [InlineData("userName eq \"unterminated")]
        [InlineData("(userName eq \"a\"")]
        [InlineData("userName eq \"a\")")]
        [InlineData("emails[type eq \"work\"")]
        [InlineData("   ")]
        public void Refuses_a_raw_filter_that_cannot_be_valid(string text)
        {
            Assert.Throws<ArgumentException>(() => ScimFilter.Raw(text));
        }

        [Fact]
        public void Accepts_a_balanced_raw_filter_with_brackets_inside_strings()
        {
            Assert.Equal("displayName eq \"a) [b\"", ScimFilter.Raw("displayName eq \"a) [b\"").ToString());
        }
    }
}
