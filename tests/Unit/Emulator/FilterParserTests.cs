using System.Text.Json.Nodes;
using ModeScim.Emulator;
using ModeScim.Emulator.Filtering;
using Xunit;

namespace ModeScim.Tests.Unit.Emulator
{
    public class FilterParserTests
    {
        private static readonly JsonObject Ada = JsonNode.Parse("""
            {
              "id": "A1", "userName": "ada@example.com", "active": true, "displayName": "Ada Lovelace",
              "name": { "givenName": "Ada", "familyName": "Lovelace" },
              "emails": [ { "value": "ada@work.example", "type": "work" }, { "value": "ada@home.example", "type": "home" } ],
              "meta": { "created": "2024-03-01T10:00:00Z" },
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "employeeNumber": "701" }
            }
            """)!.AsObject();

        [Theory]
        [InlineData("userName eq \"ADA@example.com\"", true)]
        [InlineData("USERNAME Eq \"ada@example.com\"", true)]
        [InlineData("id eq \"a1\"", false)]
        [InlineData("id eq \"A1\"", true)]
        [InlineData("name.familyName sw \"love\"", true)]
        [InlineData("displayName co \"lace\"", true)]
        [InlineData("displayName ew \"Ada\"", false)]
        [InlineData("active eq true", true)]
        [InlineData("active ne true", false)]
        [InlineData("title pr", false)]
        [InlineData("emails pr", true)]
        [InlineData("meta.created gt \"2024-01-01T00:00:00Z\"", true)]
        [InlineData("meta.created lt \"2024-03-01T11:00:00+02:00\"", false)]
        [InlineData("emails[type eq \"work\" and value ew \"work.example\"]", true)]
        [InlineData("emails[type eq \"work\" and value ew \"home.example\"]", false)]
        [InlineData("emails[type eq \"home\"].value eq \"ada@home.example\"", true)]
        [InlineData("emails.value eq \"ada@home.example\"", true)]
        [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701\"", true)]
        [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"ada\"", true)]
        [InlineData("not (active eq true)", false)]
        [InlineData("userName eq \"x\" or userName eq \"y\" and active eq false", false)]
        [InlineData("userName eq \"ada@example.com\" or userName eq \"y\" and active eq false", true)]
        [InlineData("(userName eq \"ada@example.com\" or userName eq \"y\") and active eq false", false)]
        [InlineData("displayName eq \"Ada \\\"The Countess\\\"\"", false)]
        public void Evaluates_the_rfc_grammar(string filter, bool matches)
        {
            Assert.Equal(matches, FilterParser.Parse(filter).Matches(Ada));
        }

        [Theory]
        [InlineData("userName eq")]
        [InlineData("userName equals \"a\"")]
        [InlineData("userName eq ada")]
        [InlineData("(userName eq \"a\"")]
        [InlineData("userName eq \"a\" and")]
        [InlineData("not userName eq \"a\"")]
        [InlineData("userName eq \"unterminated")]
        [InlineData("active gt true")]
        public void Rejects_malformed_filters_as_invalidFilter(string filter)
        {
            var error = Assert.Throws<ScimError>(() => FilterParser.Parse(filter).Matches(Ada));
            Assert.Equal("invalidFilter", error.ScimType);
            Assert.Equal(400, error.Status);
        }
    }
}
