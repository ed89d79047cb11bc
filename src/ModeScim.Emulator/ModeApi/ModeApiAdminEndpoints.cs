using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModeScim.Emulator.Filtering;
using ModeScim.Emulator.Http;

namespace ModeScim.Emulator.ModeApi
{
    /// <summary>Test knobs for the REST side: read its whole state (the oracle tests check), and arrange accounts,
    /// activity and content. Not authenticated and not counted, like the other /_emulator endpoints.</summary>
    internal static class ModeApiAdminEndpoints
    {
        public static void Map(IEndpointRouteBuilder routes, ModeWorkspace workspace, EmulatorOptions options)
        {
            routes.MapGet("/_emulator/api/state", context => ScimResponses.WriteAsync(context, 200, State(workspace, options)));
            routes.MapPost("/_emulator/api/accounts", async context =>
            {
                var body = await ReadAsync(context);
                var email = Required(body, "email");
                var account = workspace.AddUnmanagedAccount(email, body.GetString("name") ?? email,
                    body.GetIgnoreCase("listedInScim")?.GetValue<bool>() ?? options.JitListedInScim,
                    body.GetIgnoreCase("invited")?.GetValue<bool>() ?? false);
                workspace.SetAdmin(account, body.GetIgnoreCase("admin")?.GetValue<bool>() ?? false);
                await ScimResponses.WriteAsync(context, 200, ModeApiEndpoints.RenderMembership(workspace.FindByEmail(email)!,
                    options.Workspace));
            });
            routes.MapPost("/_emulator/api/token-owner", async context =>
            {
                // {"owner": "<email>"} makes the REST credentials that person's; {"owner": null} a workspace token's.
                var body = await ReadAsync(context);
                var owner = body.GetString("owner");
                options.ApiTokenOwner = string.IsNullOrEmpty(owner) ? null : owner;
                await ScimResponses.WriteAsync(context, 200, new JsonObject { ["owner"] = options.ApiTokenOwner });
            });
            routes.MapPost("/_emulator/api/groups", async context =>
            {
                var body = await ReadAsync(context);
                var members = (body.GetIgnoreCase("members") as JsonArray ?? new JsonArray()).Select(m => m!.GetValue<string>());
                var token = workspace.AddModeGroup(Required(body, "name"), members);
                await ScimResponses.WriteAsync(context, 200, new JsonObject { ["token"] = token });
            });
            routes.MapPost("/_emulator/api/engagement", async context =>
            {
                var body = await ReadAsync(context);
                var account = Account(workspace, Required(body, "email"));
                workspace.SetEngagement(account, ReadTime(body, "lastDayEngaged"), ReadTime(body, "activatedAt"));
                if (body.GetIgnoreCase("admin") is JsonValue admin)
                {
                    workspace.SetAdmin(account, admin.GetValue<bool>());
                }
                await ScimResponses.WriteAsync(context, 200, new JsonObject { ["username"] = account.Username });
            });
            routes.MapPost("/_emulator/api/content", async context =>
            {
                var body = await ReadAsync(context);
                var creator = Account(workspace, Required(body, "creator"));
                var personal = body.GetIgnoreCase("personal")?.GetValue<bool>() ?? false;
                var name = body.GetString("collection") ?? (personal ? "Personal" : "Collection");
                var space = workspace.Spaces().FirstOrDefault(s => s.Name == name && s.CreatorUsername == creator.Username)
                    ?? workspace.AddSpace(name, creator, personal);
                var reports = new JsonArray();
                if (body.GetIgnoreCase("reports") is JsonArray names)
                {
                    foreach (var reportName in names)
                    {
                        reports.Add(workspace.AddReport(reportName!.GetValue<string>(), space, creator).Token);
                    }
                }
                await ScimResponses.WriteAsync(context, 200, new JsonObject { ["collection"] = space.Token, ["reports"] = reports });
            });
        }

        private static JsonObject State(ModeWorkspace workspace, EmulatorOptions options)
        {
            var accounts = workspace.Accounts().Select(a =>
            {
                var rendered = ModeApiEndpoints.RenderMembership(a, options.Workspace);
                rendered["email"] = a.Email;
                rendered.Remove("_links");
                return (JsonNode?)rendered;
            }).ToArray();
            var spaces = workspace.Spaces().Select(s => (JsonNode?)new JsonObject
            {
                ["token"] = s.Token,
                ["name"] = s.Name,
                ["space_type"] = s.SpaceType,
                ["creator"] = s.CreatorUsername,
                ["reports"] = new JsonArray(workspace.ReportsIn(s.Token).Select(r => (JsonNode?)new JsonObject
                {
                    ["token"] = r.Token,
                    ["name"] = r.Name,
                    ["creator"] = r.CreatorUsername,
                }).ToArray()),
                ["permissions"] = new JsonArray(workspace.PermissionsOn(s.Token).Select(p => (JsonNode?)new JsonObject
                {
                    ["token"] = p.Token,
                    ["action"] = p.Action,
                    ["accessor_type"] = p.AccessorType,
                    ["accessor_token"] = p.AccessorToken,
                }).ToArray()),
            }).ToArray();
            var audit = workspace.AuditLog(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)
                .Select(e => (JsonNode?)new JsonObject { ["event"] = e.Event, ["details"] = e.Details }).ToArray();
            return new JsonObject
            {
                ["tokenOwner"] = options.ApiTokenOwner,
                ["accounts"] = new JsonArray(accounts),
                ["spaces"] = new JsonArray(spaces),
                ["audit"] = new JsonArray(audit),
            };
        }

        private static async Task<JsonObject> ReadAsync(HttpContext context)
        {
            return await JsonNode.ParseAsync(context.Request.Body) as JsonObject
                ?? throw ModeApiError.BadRequest("Send a JSON object.");
        }

        private static string Required(JsonObject body, string name) =>
            body.GetString(name) ?? throw ModeApiError.BadRequest(name + " is required.");

        private static ModeAccount Account(ModeWorkspace workspace, string email) =>
            workspace.FindByEmail(email) ?? throw ModeApiError.NotFound("Account " + email);

        private static DateTimeOffset? ReadTime(JsonObject body, string name)
        {
            var text = body.GetString(name);
            return text == null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }
    }
}
