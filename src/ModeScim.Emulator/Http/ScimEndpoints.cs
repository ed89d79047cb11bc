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
            var users = new ResourceHandlers(store.CreateUser, store.GetUser, store.ReplaceUser, store.PatchUser, store.DeleteUser,
                store.ListUsers, store.FindUserByUserName, options, store.ListUsersAsJson, store.FindUserByEmail);
            var groups = new ResourceHandlers(store.CreateGroup, store.GetGroup, store.ReplaceGroup, store.PatchGroup,
                store.DeleteGroup, store.ListGroups, null, options);
            users.Map(routes, "/Users");
            groups.Map(routes, "/Groups");

            routes.MapGet("/ServiceProviderConfig",
                context => Discovery(context, options, () => DiscoveryDocuments.ServiceProviderConfig(options)));
            routes.MapGet("/ResourceTypes",
                context => Discovery(context, options, () => DiscoveryDocuments.AsList(DiscoveryDocuments.ResourceTypes())));
            routes.MapGet("/ResourceTypes/{id}",
                context => Discovery(context, options, () => One(context, DiscoveryDocuments.ResourceTypes())));
            routes.MapGet("/Schemas",
                context => Discovery(context, options, () => DiscoveryDocuments.AsList(DiscoveryDocuments.Schemas())));
            routes.MapGet("/Schemas/{id}", context => Discovery(context, options, () => One(context, DiscoveryDocuments.Schemas())));
        }

        /// <summary>A discovery document, or what a server without (or with a broken) discovery answers instead.</summary>
        private static async Task Discovery(HttpContext context, EmulatorOptions options, Func<JsonObject> document)
        {
            switch (options.Behaviour.Discovery)
            {
                case DiscoveryMode.Absent:
                    throw ScimError.NotFound("No such endpoint: " + context.Request.Path);
                case DiscoveryMode.Unauthorized:
                    throw new ScimError(401, null, "Discovery is not available to this token.");
                case DiscoveryMode.ServerError:
                    throw new ScimError(500, null, "Discovery failed.");
                case DiscoveryMode.Html:
                    // A sign-in or marketing page served where the document should be.
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.WriteAsync(
                        "<!DOCTYPE html><html><head><title>Mode</title></head><body><p>Sign in to continue.</p></body></html>");
                    return;
                default:
                    await ScimResponses.WriteAsync(context, 200, document());
                    return;
            }
        }

        private static JsonObject One(HttpContext context, IEnumerable<JsonObject> documents)
        {
            var id = (string)context.Request.RouteValues["id"]!;
            return documents.FirstOrDefault(d => string.Equals(d.GetString("id"), id, StringComparison.OrdinalIgnoreCase))
                ?? throw ScimError.NotFound("No discovery document '" + id + "'.");
        }

        private sealed class ResourceHandlers
        {
            private readonly Func<JsonObject, JsonObject> _create;
            private readonly Func<string, JsonObject> _get;
            private readonly Func<string, JsonObject, JsonObject> _replace;
            private readonly Func<string, JsonNode?, JsonObject> _patch;
            private readonly Action<string> _delete;
            private readonly Func<FilterNode?, int, int, (int Total, List<JsonObject> Page)> _list;
            private readonly Func<string, JsonObject?>? _findByName;
            private readonly Func<string, JsonObject?>? _findByEmail;
            private readonly EmulatorOptions _options;
            private readonly Func<FilterNode?, int, int, (int Total, List<byte[]> Page)>? _listAsJson;

            public ResourceHandlers(
                Func<JsonObject, JsonObject> create,
                Func<string, JsonObject> get,
                Func<string, JsonObject, JsonObject> replace,
                Func<string, JsonNode?, JsonObject> patch,
                Action<string> delete,
                Func<FilterNode?, int, int, (int Total, List<JsonObject> Page)> list,
                Func<string, JsonObject?>? findByName,
                EmulatorOptions options,
                Func<FilterNode?, int, int, (int Total, List<byte[]> Page)>? listAsJson = null,
                Func<string, JsonObject?>? findByEmail = null)
            {
                _listAsJson = listAsJson;
                _findByEmail = findByEmail;
                _findByName = findByName;
                _create = create;
                _get = get;
                _replace = replace;
                _patch = patch;
                _delete = delete;
                _list = list;
                _options = options;
            }

            /// <summary>A server with a limit on member changes per request refuses a larger one as a whole.</summary>
            private void RefuseIfTooLarge(JsonNode? body)
            {
                var most = _options.Behaviour.MaxMemberChanges;
                if (most == null || body is not JsonObject message || message.GetIgnoreCase("Operations") is not JsonArray operations)
                {
                    return;
                }
                var changes = operations.OfType<JsonObject>()
                    .Where(o => (o.GetString("path") ?? string.Empty).StartsWith("members", StringComparison.OrdinalIgnoreCase))
                    .Sum(o => o.GetIgnoreCase("value") is JsonArray values ? values.Count : 1);
                if (changes > most)
                {
                    var detail = changes + " member changes in one request; this server takes at most " + most + ".";
                    throw _options.Behaviour.TooLargeAsTooMany ? new ScimError(400, "tooMany", detail) : new ScimError(413, null, detail);
                }
            }

            public void Map(IEndpointRouteBuilder routes, string collection)
            {
                routes.MapGet(collection, ListAsync);
                routes.MapPost(collection, CreateAsync);
                routes.MapGet(collection + "/{id}", context => WriteResourceAsync(context, 200, _get(Id(context))));
                routes.MapPut(collection + "/{id}",
                    async context => await WriteResourceAsync(context, 200, _replace(Id(context), await ReadObjectAsync(context))));
                routes.MapPatch(collection + "/{id}", async context =>
                {
                    var id = Id(context);
                    if (!_options.PatchSupported)
                    {
                        throw new ScimError(501, null, "This server does not support PATCH; use PUT.");
                    }
                    if (_findByName != null && !_options.Behaviour.UserPatch)
                    {
                        context.Response.Headers.Allow = "GET, PUT, DELETE";
                        throw new ScimError(405, null, "PATCH is not supported on Users; PUT the whole user.");
                    }
                    var body = await JsonNode.ParseAsync(context.Request.Body);
                    if (_findByName == null)
                    {
                        RefuseIfTooLarge(body);
                    }
                    var patched = _patch(id, body);
                    if (_options.Behaviour.PatchResponse == PatchResponseMode.NoContent)
                    {
                        context.Response.StatusCode = 204;
                        return;
                    }
                    await WriteResourceAsync(context, 200, patched);
                });
                routes.MapDelete(collection + "/{id}", context =>
                {
                    _delete(Id(context));
                    context.Response.StatusCode = 204;
                    return Task.CompletedTask;
                });
            }

            /// <summary>POST. A server may answer a userName that exists by handing back the existing user
            /// (Mode's SAML just-in-time accounts make this plausible) instead of 409.</summary>
            private async Task CreateAsync(HttpContext context)
            {
                var body = await ReadObjectAsync(context);
                JsonObject created;
                var status = 201;
                try
                {
                    created = _create(body);
                }
                catch (ScimError error) when (error.Status == 409 && _findByName != null
                    && _options.Behaviour.DuplicateCreate != DuplicateCreateMode.Conflict)
                {
                    // The user the conflict is about: the userName's holder, or (keyed by email too) the email's.
                    var existing = _findByName(body.GetString("userName") ?? string.Empty)
                        ?? (_options.Behaviour.UniqueEmails ? _findByEmail?.Invoke(FirstEmail(body)) : null);
                    if (existing == null)
                    {
                        throw;
                    }
                    created = existing;
                    status = _options.Behaviour.DuplicateCreate == DuplicateCreateMode.Adopt200 ? 200 : 201;
                }
                context.Response.Headers.Location = created["meta"]?["location"]?.GetValue<string>();
                await WriteResourceAsync(context, status, created);
            }

            private static string FirstEmail(JsonObject body) =>
                (body["emails"] as JsonArray)?.OfType<JsonObject>().Select(e => e.GetString("value")).FirstOrDefault(v => v != null)
                ?? string.Empty;

            private Task ListAsync(HttpContext context)
            {
                var query = context.Request.Query;
                var filterText = query["filter"].ToString();
                var filter = string.IsNullOrEmpty(filterText) ? null : FilterParser.Parse(filterText);
                if (filter != null)
                {
                    FilterSupport.Check(filterText, filter, _options.Behaviour, onGroups: _findByName == null);
                }
                // RFC 7644 section 3.4.2.4: startIndex below 1 means 1; count is capped by the server, 0 asks for the total only.
                var startIndex = Math.Max(1, ReadInt(query["startIndex"].ToString(), "startIndex") ?? 1);
                var count = Math.Clamp(ReadInt(query["count"].ToString(), "count") ?? _options.MaxPageSize, 0, _options.MaxPageSize);
                var projection = Projection.FromQuery(query, _options.Behaviour);
                if (_listAsJson != null && projection.KeepsEverything)
                {
                    var (matched, json) = _listAsJson(filter, startIndex, count);
                    return ScimResponses.WriteListAsync(context, ReportedTotal(matched), startIndex, json);
                }
                var (total, page) = _list(filter, startIndex, count);
                total = ReportedTotal(total);
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

            private int ReportedTotal(int total) => _options.Behaviour.TotalResults switch
            {
                TotalResultsMode.Low => total / 2,
                TotalResultsMode.High => total * 2,
                _ => total,
            };

            private static Task WriteResourceAsync(HttpContext context, int status, JsonObject resource)
            {
                var version = resource["meta"]?["version"]?.GetValue<string>();
                if (version != null)
                {
                    context.Response.Headers.ETag = version;
                }
                return ScimResponses.WriteAsync(context, status, Projection.FromQuery(context.Request.Query, BehaviourOf(context))
                    .Apply(resource));
            }

            private static ServerBehaviour BehaviourOf(HttpContext context)
            {
                return ((EmulatorOptions)context.RequestServices.GetService(typeof(EmulatorOptions))!).Behaviour;
            }

            /// <summary>The id in the path. Text that cannot be an id (ids here are GUIDs) gets the answer the
            /// configured server gives: 404, or the 400 or 500 of servers that parse the id before looking.</summary>
            private string Id(HttpContext context)
            {
                var id = (string)context.Request.RouteValues["id"]!;
                if (!Guid.TryParse(id, out _))
                {
                    switch (_options.Behaviour.NonIdPath)
                    {
                        case NonIdPathMode.BadRequest:
                            throw ScimError.InvalidValue("'" + id + "' is not a valid id.");
                        case NonIdPathMode.ServerError:
                            throw new ScimError(500, null, "Internal error.");
                    }
                }
                return id;
            }

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
