using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModeScim.Emulator.Filtering;

namespace ModeScim.Emulator.ModeApi
{
    /// <summary>The routes of Mode's REST API that the module uses, under /api, from the same workspace as SCIM.</summary>
    internal static class ModeApiEndpoints
    {
        public static void Map(IEndpointRouteBuilder routes, ModeWorkspace workspace, EmulatorOptions options)
        {
            var ws = "/api/{workspace}";
            routes.MapGet("/api/verify", context => HalResponses.WriteAsync(context, 200, new JsonObject
            {
                ["verified"] = true,
                ["_links"] = new JsonObject { ["self"] = HalResponses.Link("/api/verify") },
            }));
            // A literal route: it wins over /api/{username} (Mode has no account named "account").
            routes.MapGet("/api/account", context => HalResponses.WriteAsync(context, 200, RenderCredentialAccount(workspace, options)));
            routes.MapGet("/api/{username}", context =>
            {
                var account = workspace.FindByUsername(Route(context, "username"))
                    ?? throw ModeApiError.NotFound("Account " + Route(context, "username"));
                return HalResponses.WriteAsync(context, 200, RenderAccount(account));
            });
            routes.MapGet(ws + "/memberships", context =>
            {
                RequireWorkspace(context, options);
                if (options.ApiMemberships == ApiMembershipsMode.LiteOnly)
                {
                    throw ModeApiError.NotFound("The page");
                }
                return HalResponses.WriteAsync(context, 200, HalResponses.Page(context, workspace.Accounts(), "memberships",
                    a => WithoutAdminUnless(options.ApiAdminFlagShown, RenderMembership(a, options.Workspace)), options.ApiPaging));
            });
            routes.MapGet(ws + "/memberships/lite", context =>
            {
                RequireWorkspace(context, options);
                if (options.ApiMemberships == ApiMembershipsMode.FullOnly)
                {
                    throw ModeApiError.NotFound("The page");
                }
                // Not paged: every row at once, whatever page is asked for.
                var rows = workspace.Accounts().Select(a => (JsonNode?)WithoutAdminUnless(options.ApiAdminFlagShown, new JsonObject
                {
                    ["email"] = a.Email,
                    ["name"] = a.Name,
                    ["username"] = a.Username,
                    ["member_token"] = a.MemberToken,
                    ["state"] = a.State,
                    ["admin"] = a.Admin,
                })).ToArray();
                return HalResponses.WriteAsync(context, 200, new JsonObject
                {
                    ["_links"] = new JsonObject { ["self"] = HalResponses.Link(context.Request.Path) },
                    ["_embedded"] = new JsonObject { ["memberships"] = new JsonArray(rows) },
                });
            });
            routes.MapGet(ws + "/groups", context =>
            {
                RequireWorkspace(context, options);
                // member=<username> keeps the groups that hold that member.
                var member = options.ApiGroupMemberFilter == ApiGroupMemberFilterMode.Ignored
                    ? string.Empty : context.Request.Query["member"].ToString();
                var groups = workspace.Groups().Where(g => member.Length == 0
                    || (options.ApiGroupMemberFilter == ApiGroupMemberFilterMode.Honoured
                        && g.Members.Any(m => string.Equals(m.Username, member, StringComparison.OrdinalIgnoreCase)))).ToList();
                return HalResponses.WriteAsync(context, 200, HalResponses.Page(context, groups, "groups",
                    g => RenderGroup(g, options.Workspace), options.ApiPaging));
            });
            routes.MapGet(ws + "/groups/{group}/memberships", context =>
            {
                RequireWorkspace(context, options);
                var group = workspace.Group(Route(context, "group"));
                return HalResponses.WriteAsync(context, 200, HalResponses.Page(context, group.Members, "group_memberships",
                    m => RenderGroupMembership(group, m, options.Workspace), options.ApiPaging));
            });
            routes.MapGet(ws + "/spaces", context =>
            {
                RequireWorkspace(context, options);
                // Without filter=all, other people's personal collections are left out, as on Mode.
                var all = string.Equals(context.Request.Query["filter"].ToString(), "all", StringComparison.OrdinalIgnoreCase);
                var spaces = workspace.Spaces().Where(s => all || !s.IsPersonal).ToList();
                return HalResponses.WriteAsync(context, 200, HalResponses.Page(context, spaces, "spaces",
                    s => RenderSpace(s, options), options.ApiPaging));
            });
            routes.MapGet(ws + "/spaces/{space}", context =>
            {
                RequireWorkspace(context, options);
                return HalResponses.WriteAsync(context, 200, RenderSpace(workspace.Space(Route(context, "space")), options));
            });
            routes.MapGet(ws + "/spaces/{space}/reports", context =>
            {
                RequireWorkspace(context, options);
                var reports = workspace.ReportsIn(Route(context, "space"));
                return HalResponses.WriteAsync(context, 200, HalResponses.Page(context, reports, "reports",
                    r => RenderReport(r, options, workspace), options.ApiPaging));
            });
            routes.MapGet(ws + "/reports/{report}", context =>
            {
                RequireWorkspace(context, options);
                return HalResponses.WriteAsync(context, 200, RenderReport(workspace.Report(Route(context, "report")), options, workspace));
            });
            routes.MapPatch(ws + "/reports/{report}", async context =>
            {
                RequireWorkspace(context, options);
                var body = await ReadObjectAsync(context, "report");
                var space = body.GetString("space_token") ?? throw ModeApiError.BadRequest("report.space_token is required.");
                // --api-report-moves ignored: success, and the report where it was, as an API that ignores the field would.
                var moved = options.ApiReportMovesIgnored ? workspace.Report(Route(context, "report"))
                    : workspace.MoveReport(Route(context, "report"), space, Actor(context));
                await HalResponses.WriteAsync(context, 200, RenderReport(moved, options, workspace));
            });
            routes.MapGet(ws + "/spaces/{space}/permissions", context =>
            {
                RequireWorkspace(context, options);
                var space = Route(context, "space");
                return HalResponses.WriteAsync(context, 200, HalResponses.Page(context, workspace.PermissionsOn(space), "permissions",
                    p => RenderPermission(p, options.Workspace), options.ApiPaging));
            });
            routes.MapPost(ws + "/spaces/{space}/permissions", async context =>
            {
                RequireWorkspace(context, options);
                var body = await ReadObjectAsync(context, "permission");
                var granted = workspace.Grant(Route(context, "space"), body.GetString("action") ?? string.Empty,
                    body.GetString("accessor_type") ?? string.Empty, body.GetString("accessor_token") ?? string.Empty, Actor(context));
                await HalResponses.WriteAsync(context, 200, RenderPermission(granted, options.Workspace));
            });
            routes.MapDelete(ws + "/spaces/{space}/permissions/{permission}", context =>
            {
                RequireWorkspace(context, options);
                workspace.Revoke(Route(context, "space"), Route(context, "permission"), Actor(context));
                context.Response.StatusCode = 204;
                return Task.CompletedTask;
            });
            routes.MapGet(ws + "/audit_logs", context =>
            {
                RequireWorkspace(context, options);
                return HalResponses.WriteAsync(context, 200, AuditPage(context, workspace), HalResponses.JsonMediaType);
            });
        }

        private static JsonObject RenderGroup(ModeGroup group, string workspace)
        {
            var self = "/api/" + workspace + "/groups/" + group.Token;
            return new JsonObject
            {
                ["token"] = group.Token,
                ["name"] = group.Name,
                ["managed"] = group.Managed,
                ["_links"] = new JsonObject
                {
                    ["self"] = HalResponses.Link(self),
                    ["memberships"] = HalResponses.Link(self + "/memberships"),
                },
            };
        }

        private static JsonObject RenderGroupMembership(ModeGroup group, ModeAccount member, string workspace)
        {
            return new JsonObject
            {
                ["member_username"] = member.Username,
                ["member_token"] = member.MemberToken,
                ["group_token"] = group.Token,
                ["_links"] = new JsonObject
                {
                    ["group"] = HalResponses.Link("/api/" + workspace + "/groups/" + group.Token),
                },
            };
        }

        public static JsonObject RenderMembership(ModeAccount account, string workspace)
        {
            var self = "/api/" + workspace + "/memberships/" + account.MembershipToken;
            var membership = new JsonObject
            {
                ["member_username"] = account.Username,
                ["member_token"] = account.MemberToken,
                ["admin"] = account.Admin,
                ["state"] = account.State,
                ["activated_at"] = HalResponses.Timestamp(account.ActivatedAt),
                ["managed_by_scim"] = account.ManagedByScim,
            };
            if (account.Invited)
            {
                membership["invited"] = true;
            }
            membership["_links"] = new JsonObject
            {
                ["self"] = HalResponses.Link(self),
                ["user"] = HalResponses.Link("/api/" + account.Username),
                ["groups"] = HalResponses.Link(self + "/groups"),
            };
            return membership;
        }

        private static JsonObject RenderAccount(ModeAccount account)
        {
            return new JsonObject
            {
                ["username"] = account.Username,
                ["name"] = account.Name,
                ["email"] = account.Email,
                ["token"] = account.MemberToken,
                ["user"] = true,
                ["_links"] = new JsonObject { ["self"] = HalResponses.Link("/api/" + account.Username) },
            };
        }

        /// <summary>Whose the credentials are (--api-token-owner): that person's account; for a workspace token, the
        /// workspace's own account with <c>user</c> false, the way Mode's account resource tells a person from an
        /// organization. An owner no longer in the workspace is 404: nothing answers for those credentials.</summary>
        private static JsonObject RenderCredentialAccount(ModeWorkspace workspace, EmulatorOptions options)
        {
            var owner = options.ApiTokenOwner;
            if (owner == null)
            {
                return new JsonObject
                {
                    ["username"] = options.Workspace,
                    ["name"] = options.Workspace,
                    ["token"] = options.Workspace,
                    ["user"] = false,
                    ["_links"] = new JsonObject { ["self"] = HalResponses.Link("/api/" + options.Workspace) },
                };
            }
            var account = workspace.FindByEmail(owner) ?? workspace.FindByUsername(owner)
                ?? throw ModeApiError.NotFound("Account " + owner);
            return RenderAccount(account);
        }

        private static JsonObject WithoutAdminUnless(bool shown, JsonObject membership)
        {
            if (!shown)
            {
                membership.Remove("admin");
            }
            return membership;
        }

        /// <summary>Whether the API names the creator of an item in a collection of this kind (--api-creator-links).</summary>
        private static bool ShowsCreator(EmulatorOptions options, bool personal) => options.ApiCreatorLinks switch
        {
            ApiCreatorLinksMode.Omitted => false,
            ApiCreatorLinksMode.PersonalOmitted => !personal,
            _ => true,
        };

        private static JsonObject WithoutCreatorUnless(bool shown, JsonObject item)
        {
            if (!shown)
            {
                ((JsonObject)item["_links"]!).Remove("creator");
            }
            return item;
        }

        private static JsonObject RenderSpace(ModeSpace space, EmulatorOptions options)
        {
            var workspace = options.Workspace;
            var self = "/api/" + workspace + "/spaces/" + space.Token;
            return WithoutCreatorUnless(ShowsCreator(options, space.IsPersonal), new JsonObject
            {
                ["token"] = space.Token,
                ["name"] = space.Name,
                ["space_type"] = space.SpaceType,
                ["state"] = "active",
                ["created_at"] = HalResponses.Timestamp(space.CreatedAt),
                ["_links"] = new JsonObject
                {
                    ["self"] = HalResponses.Link(self),
                    ["creator"] = HalResponses.Link("/api/" + space.CreatorUsername),
                    ["reports"] = HalResponses.Link(self + "/reports"),
                    ["web"] = HalResponses.Link("/" + workspace + "/spaces/" + space.Token),
                },
            });
        }

        private static JsonObject RenderReport(ModeReport report, EmulatorOptions options, ModeWorkspace modeWorkspace)
        {
            var workspace = options.Workspace;
            var personal = modeWorkspace.Spaces().Any(s => s.Token == report.SpaceToken && s.IsPersonal);
            return WithoutCreatorUnless(ShowsCreator(options, personal), new JsonObject
            {
                ["token"] = report.Token,
                ["name"] = report.Name,
                ["space_token"] = report.SpaceToken,
                ["created_at"] = HalResponses.Timestamp(report.CreatedAt),
                ["_links"] = new JsonObject
                {
                    ["self"] = HalResponses.Link("/api/" + workspace + "/reports/" + report.Token),
                    ["creator"] = HalResponses.Link("/api/" + report.CreatorUsername),
                    ["space"] = HalResponses.Link("/api/" + workspace + "/spaces/" + report.SpaceToken),
                    ["web"] = HalResponses.Link("/" + workspace + "/reports/" + report.Token),
                },
            });
        }

        private static JsonObject RenderPermission(ModePermission permission, string workspace)
        {
            return new JsonObject
            {
                ["token"] = permission.Token,
                ["action"] = permission.Action,
                ["accessor_type"] = permission.AccessorType,
                ["accessor_token"] = permission.AccessorToken,
                ["_links"] = new JsonObject
                {
                    ["self"] = HalResponses.Link("/api/" + workspace + "/spaces/" + permission.SpaceToken + "/permissions/"
                        + permission.Token),
                },
            };
        }

        // Audit logs page with an opaque next_token cursor (here, the offset), not page numbers.
        private static JsonObject AuditPage(HttpContext context, ModeWorkspace workspace)
        {
            var start = ReadTime(context, "start_timestamp") ?? DateTimeOffset.MinValue;
            var end = ReadTime(context, "end_timestamp") ?? DateTimeOffset.MaxValue;
            var offset = HalResponses.ReadNumber(context, "next_token", 0, 0, int.MaxValue);
            const int pageSize = 50;
            var entries = workspace.AuditLog(start, end);
            var page = entries.Skip(offset).Take(pageSize).Select(e => (JsonNode?)new JsonObject
            {
                ["token"] = e.Token,
                ["event"] = e.Event,
                ["actor_username"] = e.Actor,
                ["timestamp"] = HalResponses.Timestamp(e.Timestamp),
                ["details"] = e.Details,
            }).ToArray();
            var body = new JsonObject { ["audit_logs"] = new JsonArray(page) };
            body["next_token"] = offset + pageSize < entries.Count
                ? (offset + pageSize).ToString(CultureInfo.InvariantCulture) : null;
            return body;
        }

        private static DateTimeOffset? ReadTime(HttpContext context, string name)
        {
            var text = context.Request.Query[name].ToString();
            if (text.Length == 0)
            {
                return null;
            }
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                return value;
            }
            throw ModeApiError.BadRequest(name + " must be an ISO 8601 time, not '" + text + "'.");
        }

        private static async Task<JsonObject> ReadObjectAsync(HttpContext context, string root)
        {
            var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
            return body?.GetIgnoreCase(root) as JsonObject
                ?? throw ModeApiError.BadRequest("The body must be a JSON object with a \"" + root + "\" object.");
        }

        /// <summary>404 for a path that names another workspace, as Mode answers.</summary>
        public static void RequireWorkspace(HttpContext context, EmulatorOptions options)
        {
            if (!string.Equals(Route(context, "workspace"), options.Workspace, StringComparison.OrdinalIgnoreCase))
            {
                throw ModeApiError.NotFound("Workspace " + Route(context, "workspace"));
            }
        }

        private static string Route(HttpContext context, string name) => context.Request.RouteValues[name]?.ToString() ?? string.Empty;

        private static string Actor(HttpContext context) => context.Items[ModeApiMiddleware.ActorKey] as string ?? "api";
    }
}
