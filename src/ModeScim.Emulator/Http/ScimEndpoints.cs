using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModeScim.Emulator.Filtering;
using ModeScim.Emulator.Storage;

namespace ModeScim.Emulator.Http
{
    /// <summary>The SCIM routes of RFC 7644 for Users and Groups, plus discovery.</summary>
    internal static class ScimEndpoints
    {
        public static void Map(IEndpointRouteBuilder routes, ScimStore store, EmulatorOptions options)
        {
            var users = new ResourceHandlers(store.CreateUser, store.GetUser, store.ReplaceUser, store.PatchUser, store.DeleteUser, store.ListUsers, options);
            var groups = new ResourceHandlers(store.CreateGroup, store.GetGroup, store.ReplaceGroup, store.PatchGroup, store.DeleteGroup, store.ListGroups, options);
            users.Map(routes, "/Users");
            groups.Map(routes, "/Groups");

            routes.MapGet("/ServiceProviderConfig", context => ScimResponses.WriteAsync(context, 200, DiscoveryDocuments.ServiceProviderConfig(options)));
            routes.MapGet("/ResourceTypes", context => ScimResponses.WriteAsync(context, 200, DiscoveryDocuments.AsList(DiscoveryDocuments.ResourceTypes())));
            routes.MapGet("/ResourceTypes/{id}", context => WriteOne(context, DiscoveryDocuments.ResourceTypes()));
            routes.MapGet("/Schemas", context => ScimResponses.WriteAsync(context, 200, DiscoveryDocuments.AsList(DiscoveryDocuments.Schemas())));
            routes.MapGet("/Schemas/{id}", context => WriteOne(context, DiscoveryDocuments.Schemas()));
        }

        private static Task WriteOne(HttpContext context, IEnumerable<JsonObject> documents)
        {
            var id = (string)context.Request.RouteValues["id"]!;
            var match = documents.FirstOrDefault(d => string.Equals(d.GetString("id"), id, StringComparison.OrdinalIgnoreCase));
            if (match == null)
            {
                throw ScimError.NotFound("No discovery document '" + id + "'.");
            }
            return ScimResponses.WriteAsync(context, 200, match);
        }

        private sealed class ResourceHandlers
        {
            private readonly Func<JsonObject, JsonObject> _create;
            private readonly Func<string, JsonObject> _get;
            private readonly Func<string, JsonObject, JsonObject> _replace;
            private readonly Func<string, JsonNode?, JsonObject> _patch;
            private readonly Action<string> _delete;
            private readonly Func<FilterNode?, int, int, (int Total, List<JsonObject> Page)> _list;
            private readonly EmulatorOptions _options;

            public ResourceHandlers(
                Func<JsonObject, JsonObject> create,
                Func<string, JsonObject> get,
                Func<string, JsonObject, JsonObject> replace,
                Func<string, JsonNode?, JsonObject> patch,
                Action<string> delete,
                Func<FilterNode?, int, int, (int Total, List<JsonObject> Page)> list,
                EmulatorOptions options)
            {
                _create = create;
                _get = get;
                _replace = replace;
                _patch = patch;
                _delete = delete;
                _list = list;
                _options = options;
            }

            public void Map(IEndpointRouteBuilder routes, string collection)
            {
                routes.MapGet(collection, ListAsync);
                routes.MapPost(collection, async context =>
                {
                    var created = _create(await ReadObjectAsync(context));
                    context.Response.Headers.Location = created["meta"]?["location"]?.GetValue<string>();
                    await WriteResourceAsync(context, 201, created);
                });
                routes.MapGet(collection + "/{id}", context => WriteResourceAsync(context, 200, _get(Id(context))));
                routes.MapPut(collection + "/{id}", async context => await WriteResourceAsync(context, 200, _replace(Id(context), await ReadObjectAsync(context))));
                routes.MapPatch(collection + "/{id}", async context =>
                {
                    if (!_options.PatchSupported)
                    {
                        throw new ScimError(501, null, "This server does not support PATCH; use PUT.");
                    }
                    await WriteResourceAsync(context, 200, _patch(Id(context), await JsonNode.ParseAsync(context.Request.Body)));
                });
                routes.MapDelete(collection + "/{id}", context =>
                {
                    _delete(Id(context));
                    context.Response.StatusCode = 204;
                    return Task.CompletedTask;
                });
            }

            private Task ListAsync(HttpContext context)
            {
                var query = context.Request.Query;
                var filterText = query["filter"].ToString();
                var filter = string.IsNullOrEmpty(filterText) ? null : FilterParser.Parse(filterText);
                // RFC 7644 section 3.4.2.4: startIndex below 1 means 1; count is capped by the server, 0 asks for the total only.
                var startIndex = Math.Max(1, ReadInt(query["startIndex"].ToString(), "startIndex") ?? 1);
                var count = Math.Clamp(ReadInt(query["count"].ToString(), "count") ?? _options.MaxPageSize, 0, _options.MaxPageSize);
                var (total, page) = _list(filter, startIndex, count);
                var projection = Projection.FromQuery(query);
                var resources = new JsonArray(page.Select(r => (JsonNode?)projection.Apply(r)).ToArray());
                var body = new JsonObject
                {
                    ["schemas"] = new JsonArray(SchemaUris.ListResponse),
                    ["totalResults"] = total,
                    ["startIndex"] = startIndex,
                    ["itemsPerPage"] = resources.Count,
                    ["Resources"] = resources,
                };
                return ScimResponses.WriteAsync(context, 200, body);
            }

            private static Task WriteResourceAsync(HttpContext context, int status, JsonObject resource)
            {
                var version = resource["meta"]?["version"]?.GetValue<string>();
                if (version != null)
                {
                    context.Response.Headers.ETag = version;
                }
                return ScimResponses.WriteAsync(context, status, Projection.FromQuery(context.Request.Query).Apply(resource));
            }

            private static string Id(HttpContext context) => (string)context.Request.RouteValues["id"]!;

            private static async Task<JsonObject> ReadObjectAsync(HttpContext context)
            {
                var node = await JsonNode.ParseAsync(context.Request.Body);
                return node as JsonObject ?? throw ScimError.InvalidSyntax("The body must be a JSON object.");
            }

            private static int? ReadInt(string text, string name)
            {
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    throw ScimError.InvalidValue(name + " must be an integer, not '" + text + "'.");
                }
                return value;
            }
        }
    }
}
