using System.Text.Json;
using ModeScim.Client;
using ModeScim.Client.Http;
using ModeScim.Client.Models;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>"schemas" as a server sends it and as this client writes it: what arrives is kept exactly, and a URN
    /// this client knows is one shared string instead of a copy per resource.</summary>
    public sealed class SchemaListConverterTests
    {
        private static ScimUser Read(string json) =>
            new ScimResponse(200, ResponseBody.FromText(json)).Read<ScimUser>("GET", "Users/u1");

        [Fact]
        public void A_listed_user_keeps_every_schema_the_server_named_and_shares_the_ones_it_knows()
        {
            var first = Read("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"," +
                "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\",\"urn:example:custom:1.0\"],\"id\":\"u1\"}");
            var second = Read("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"id\":\"u2\"}");

            Assert.Equal(new[] { ScimSchemas.User, ScimSchemas.EnterpriseUser, "urn:example:custom:1.0" }, first.Schemas);
            Assert.Same(ScimSchemas.User, first.Schemas[0]);
            Assert.Same(first.Schemas[0], second.Schemas[0]);
        }

        [Fact]
        public void A_schema_written_with_escapes_is_still_the_known_one()
        {
            var user = Read("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:\\u0055ser\"],\"id\":\"u1\"}");

            Assert.Same(ScimSchemas.User, user.Schemas[0]);
        }

        [Fact]
        public void Resources_made_here_are_written_with_their_core_schema()
        {
            var user = JsonSerializer.Serialize(new ScimUser { UserName = "ann@example.com" }, ScimJson.Options);
            var group = JsonSerializer.Serialize(new ScimGroup { DisplayName = "Sales" }, ScimJson.Options);

            Assert.Contains("\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]", user);
            Assert.Contains("\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"]", group);
        }

        [Fact]
        public void A_user_read_without_schemas_is_written_back_with_its_core_schema()
        {
            var user = Read("{\"id\":\"u1\",\"userName\":\"ann@example.com\"}");

            Assert.Equal(new[] { ScimSchemas.User }, user.Schemas);
        }

        [Theory]
        [InlineData("{\"schemas\":\"urn:ietf:params:scim:schemas:core:2.0:User\"}")]
        [InlineData("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",7]}")]
        public void Schemas_that_are_not_a_list_of_text_make_the_response_invalid(string json)
        {
            var error = Assert.Throws<ScimException>(() => Read(json));

            Assert.Equal(ScimErrorKind.InvalidResponse, error.Kind);
        }
    }
}
