using System;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModeScim.Emulator.Filtering;

namespace ModeScim.Emulator.ModeApi
{
    /// <summary>The Enterprise Discovery ("batch") API: a signature token made with the REST credentials, then
    /// members with their engagement dates, 1,000 a page.</summary>
    internal static class DiscoveryApiEndpoints
    {
        public static void Map(IEndpointRouteBuilder routes, ModeWorkspace workspace, EmulatorOptions options)
        {
            routes.MapPost("/batch/{workspace}/signature_tokens", async context =>
            {
                RequireAccess(context, options);
                var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
                var request = body?.GetIgnoreCase("signature_token") as JsonObject
                    ?? throw ModeApiError.BadRequest("signature_token must be a top-level object.");
                var name = request.GetString("name") ?? string.Empty;
                if (name.Length < 4 || name.Length > 64)
                {
                    throw ModeApiError.BadRequest("name must be 4 to 64 characters long.");
                }
                var (id, accessKey, accessSecret) = workspace.IssueSignatureToken();
                await HalResponses.WriteAsync(context, 200, new JsonObject
                {
                    ["token"] = id,
                    ["name"] = name,
                    ["access_key"] = accessKey,
                    ["access_secret"] = accessSecret,
                    ["created_at"] = HalResponses.Timestamp(DateTimeOffset.UtcNow),
                    ["expires_at"] = request.GetString("expires_at"),
                    ["authentication_for"] = "batch-api",
                    ["authorization_type"] = "read-only",
                }, HalResponses.JsonMediaType);
            });
            routes.MapGet("/batch/{workspace}/members", context =>
            {
                RequireAccess(context, options);
                var page = HalResponses.ReadNumber(context, "page", 1, 1, int.MaxValue);
                var perPage = HalResponses.ReadNumber(context, "per_page", 1000, 1, 1000);
                var accounts = workspace.Accounts().Where(a => !a.Invited).ToList();
                var totalPages = Math.Max(1, (accounts.Count + perPage - 1) / perPage);
                var members = accounts.Skip((page - 1) * perPage).Take(perPage).Select(a =>
                {
                    var engagement = workspace.EngagementOf(a);
                    return (JsonNode?)new JsonObject
                    {
                        ["token"] = a.MembershipToken,
                        ["state"] = a.State,
                        ["member_email"] = a.Email,
                        ["member_token"] = a.MemberToken,
                        ["member_username"] = a.Username,
                        ["banned_at"] = a.State == "active" ? null : HalResponses.Timestamp(DateTimeOffset.UtcNow.Date),
                        ["activated_at"] = HalResponses.Timestamp(engagement.ActivatedAt ?? a.ActivatedAt),
                        ["last_day_engaged"] = HalResponses.Timestamp(engagement.LastDayEngaged),
                        ["last_day_in_app_engaged"] = HalResponses.Timestamp(engagement.LastDayEngaged),
                        ["total_days_engaged"] = engagement.TotalDaysEngaged,
                    };
                }).ToArray();
                var links = new JsonObject();
                if (page < totalPages)
                {
                    links["next_page"] = HalResponses.Link(context.Request.Path + "?page=" + (page + 1) + "&per_page=" + perPage);
                }
                return HalResponses.WriteAsync(context, 200, new JsonObject
                {
                    ["pagination"] = new JsonObject
                    {
                        ["page"] = page,
                        ["per_page"] = perPage,
                        ["count"] = members.Length,
                        ["total_pages"] = totalPages,
                        ["total_count"] = accounts.Count,
                    },
                    ["members"] = new JsonArray(members),
                    ["_links"] = links,
                }, HalResponses.JsonMediaType);
            });
        }

        private static void RequireAccess(HttpContext context, EmulatorOptions options)
        {
            ModeApiEndpoints.RequireWorkspace(context, options);
            if (!options.ApiDiscovery)
            {
                throw new ModeApiError(403, "forbidden", "The Discovery API is available on the Enterprise plan only.");
            }
        }
    }
}
