using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModeScim.Emulator.Filtering;
using ModeScim.Emulator.Patching;

namespace ModeScim.Emulator.Storage
{
    public enum MemberDisplay
    {
        UserName,
        DisplayName,
    }

    /// <summary>What the REST API's views need of a SCIM user.</summary>
    internal sealed record ScimUserSummary(string Id, string UserName, string? DisplayName, bool Active, string Created);

    /// <summary>A group as the REST API's group view needs it: its name and its members' SCIM ids.</summary>
    internal sealed record ScimGroupSummary(string Id, string DisplayName, IReadOnlyList<string> MemberIds);

    /// <summary>The workspace: users, groups, and the rules that tie them together, including Mode's:
    /// a user who becomes inactive loses every group membership. One lock keeps each request atomic;
    /// every change is made on a copy and committed only once it is valid.</summary>
    internal sealed class ScimStore
    {
        private static readonly string[] UserReadOnly = { "id", "meta", "groups" };
        private static readonly string[] GroupReadOnly = { "id", "meta" };

        private readonly object _lock = new();
        private readonly ResourceCollection _users = new("User", "userName");
        private readonly ResourceCollection _groups = new("Group", "displayName");
        private readonly Dictionary<string, HashSet<string>> _groupIdsByUserId = new(StringComparer.Ordinal);
        private readonly RenderedUserCache _renderedUsers = new();
        private long _version;

        /// <summary>The absolute base of the SCIM API, for meta.location and member $ref.</summary>
        public string LocationBase { get; set; } = string.Empty;

        /// <summary>What a group member's display shows. Servers differ: some (Okta's examples, Oracle) put the
        /// userName there, others the person's display name. Set when a member is added, so it goes stale
        /// when the user is renamed, as on real servers.</summary>
        public MemberDisplay MemberDisplay { get; set; } = MemberDisplay.UserName;

        /// <summary>What the server returns beyond what the IdPs need, and which PATCH forms it takes.</summary>
        public ServerBehaviour Behaviour { get; set; } = new ServerBehaviour();

        private PatchEngine UserPatcher =>
            new(UserReadOnly, Behaviour.EntraForms, Behaviour.PatchValuePaths, Behaviour.RemoveNoTarget, Behaviour.RequireSchemas);

        private PatchEngine GroupPatcher =>
            new(GroupReadOnly, Behaviour.EntraForms, Behaviour.PatchValuePaths, Behaviour.RemoveNoTarget, Behaviour.RequireSchemas);

        /// <summary>The first user holding this email (case-insensitive), rendered; null when none does.</summary>
        public JsonObject? FindUserByEmail(string email)
        {
            lock (_lock)
            {
                var user = _users.All.FirstOrDefault(u => EmailsOf(u).Contains(email, StringComparer.OrdinalIgnoreCase));
                return user == null ? null : RenderUser(user);
            }
        }

        /// <summary>The user holding this userName (case-insensitive), rendered; null when none does.</summary>
        public JsonObject? FindUserByUserName(string userName)
        {
            lock (_lock)
            {
                var user = _users.All.FirstOrDefault(
                    u => string.Equals(u.GetString("userName"), userName, StringComparison.OrdinalIgnoreCase));
                return user == null ? null : RenderUser(user);
            }
        }

        public JsonObject CreateUser(JsonObject body)
        {
            lock (_lock)
            {
                RequireSchema(body, SchemaUris.User);
                var user = NewResource(body, SchemaUris.User, "User");
                NormalizeUser(user, null);
                if (Behaviour.UniqueEmails)
                {
                    EnsureEmailsFree(user);
                }
                _users.Add(user);
                return RenderUser(user);
            }
        }

        /// <summary>A server that keys users by email as well as userName refuses a second user with an email one has.</summary>
        private void EnsureEmailsFree(JsonObject user)
        {
            foreach (var email in EmailsOf(user))
            {
                var holder = _users.All.FirstOrDefault(u => EmailsOf(u).Contains(email, StringComparer.OrdinalIgnoreCase));
                if (holder != null)
                {
                    throw ScimError.Uniqueness("emails '" + email + "' is already taken by user '" + holder.GetString("id") + "'.");
                }
            }
        }

        private static IEnumerable<string> EmailsOf(JsonObject user) =>
            (user["emails"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().Select(e => e.GetString("value")).OfType<string>();

        public JsonObject GetUser(string id)
        {
            lock (_lock)
            {
                return RenderUser(_users.Get(id));
            }
        }

        public JsonObject ReplaceUser(string id, JsonObject body)
        {
            lock (_lock)
            {
                var previous = _users.Get(id);
                RequireSchema(body, SchemaUris.User);
                var updated = ReplacementOf(previous, body);
                KeepActiveWhereDeactivationIsIgnored(previous, updated, null);
                return CommitUser(previous, updated);
            }
        }

        public JsonObject PatchUser(string id, JsonNode? body)
        {
            lock (_lock)
            {
                var previous = _users.Get(id);
                var updated = (JsonObject)previous.DeepClone();
                UserPatcher.Apply(updated, body);
                KeepActiveWhereDeactivationIsIgnored(previous, updated, body);
                return CommitUser(previous, updated);
            }
        }

        /// <summary>A server that answers a deactivation with success and does not apply it (--deactivation): the user stays
        /// active, whatever else the PATCH changed.</summary>
        private void KeepActiveWhereDeactivationIsIgnored(JsonObject previous, JsonObject updated, JsonNode? body)
        {
            var wasActive = previous.GetIgnoreCase("active")?.GetValue<bool>() ?? true;
            var isActive = updated.GetIgnoreCase("active")?.GetValue<bool>() ?? true;
            if (Behaviour.Deactivation == DeactivationMode.Applied || !wasActive || isActive)
            {
                return;
            }
            var operations = (body as JsonObject)?.GetIgnoreCase("Operations") as JsonArray ?? new JsonArray();
            var pathless = operations.OfType<JsonObject>().Any(o => o.GetString("path") == null
                && o.GetIgnoreCase("value") is JsonObject value && value.GetIgnoreCase("active") != null);
            // A PUT (no operations) is ignored only by a server that ignores every deactivation.
            if (Behaviour.Deactivation == DeactivationMode.Ignored || (body != null && !pathless))
            {
                updated[updated.FindKey("active") ?? "active"] = true;
            }
        }

        public void DeleteUser(string id)
        {
            lock (_lock)
            {
                var user = _users.Get(id);
                RemoveFromAllGroups(id);
                _users.Remove(user);
            }
        }

        /// <summary>The store's truth whatever the server profile shows over SCIM: each user with the ids of its groups,
        /// each group with the ids of its members. The oracle tests check against, never a SCIM response.</summary>
        public JsonObject State()
        {
            lock (_lock)
            {
                var users = new JsonArray();
                foreach (var user in _users.All)
                {
                    var id = user.GetString("id")!;
                    var groupIds = _groupIdsByUserId.TryGetValue(id, out var set)
                        ? set.OrderBy(g => g, StringComparer.Ordinal)
                        : Enumerable.Empty<string>();
                    users.Add(new JsonObject
                    {
                        ["id"] = id,
                        ["userName"] = user.GetString("userName"),
                        ["active"] = user.GetIgnoreCase("active")?.GetValue<bool>() ?? true,
                        ["groups"] = new JsonArray(groupIds.Select(g => (JsonNode?)g).ToArray()),
                    });
                }
                var groups = new JsonArray();
                foreach (var group in _groups.All)
                {
                    groups.Add(new JsonObject
                    {
                        ["id"] = group.GetString("id"),
                        ["displayName"] = group.GetString("displayName"),
                        ["members"] = new JsonArray(MemberIds(group).Select(m => (JsonNode?)m).ToArray()),
                    });
                }
                return new JsonObject { ["users"] = users, ["groups"] = groups };
            }
        }

        /// <summary>Every user as the REST API's membership view needs it: a consistent copy taken under the lock.</summary>
        public List<ScimUserSummary> SnapshotUsers()
        {
            lock (_lock)
            {
                return _users.All.Select(u => new ScimUserSummary(u.GetString("id")!, u.GetString("userName")!,
                    u.GetString("displayName"), u.GetIgnoreCase("active")?.GetValue<bool>() ?? true,
                    ((JsonObject)u["meta"]!).GetString("created")!)).ToList();
            }
        }

        /// <summary>Every group with its members, a consistent copy taken under the lock.</summary>
        public List<ScimGroupSummary> SnapshotGroups()
        {
            lock (_lock)
            {
                return _groups.All.Select(g => new ScimGroupSummary(g.GetString("id")!, g.GetString("displayName") ?? string.Empty,
                    MemberIds(g).ToList())).ToList();
            }
        }

        public (int Total, List<JsonObject> Page) ListUsers(FilterNode? filter, int startIndex, int count)
        {
            int total;
            List<(JsonObject User, JsonArray Groups)> snapshot;
            lock (_lock)
            {
                var (matched, page) = _users.Query(filter, startIndex, count);
                total = matched;
                snapshot = page.Select(u => (u, GroupsOf(u))).ToList();
            }
            // Stored resources are never changed in place (every change commits a new copy), so the page can
            // be rendered outside the lock, and concurrent list requests use every core.
            return (total, snapshot.Select(s => Rendered(s.User, s.Groups, listed: true)).ToList());
        }

        /// <summary>A page of users as JSON text, each rendered once per version of the store (see
        /// <see cref="RenderedUserCache"/>): for list pages that send every attribute.</summary>
        public (int Total, List<byte[]> Page) ListUsersAsJson(FilterNode? filter, int startIndex, int count)
        {
            int total;
            byte[][] page;
            var misses = new List<(int Index, JsonObject User, JsonArray Groups)>();
            RenderKey key;
            lock (_lock)
            {
                var (matched, stored) = _users.Query(filter, startIndex, count);
                total = matched;
                key = new RenderKey(_users.Version + _groups.Version, Behaviour.UserGroups, LocationBase);
                page = new byte[stored.Count][];
                for (var i = 0; i < stored.Count; i++)
                {
                    if (!_renderedUsers.TryGet(stored[i], key, out page[i]))
                    {
                        misses.Add((i, stored[i], GroupsOf(stored[i])));
                    }
                }
            }
            foreach (var (index, user, groups) in misses)
            {
                page[index] = Http.ScimResponses.ToUtf8(Rendered(user, groups, listed: true));
                _renderedUsers.Put(user, key, page[index]);
            }
            return (total, page.ToList());
        }

        public JsonObject CreateGroup(JsonObject body)
        {
            lock (_lock)
            {
                RequireSchema(body, SchemaUris.Group);
                var group = NewResource(body, SchemaUris.Group, "Group");
                NormalizeGroup(group, null);
                EnsureUnderMemberCap(group, 0);
                _groups.Add(group);
                IndexMembers(group, null);
                return RenderGroup(group);
            }
        }

        public JsonObject GetGroup(string id)
        {
            lock (_lock)
            {
                return RenderGroup(_groups.Get(id));
            }
        }

        public JsonObject ReplaceGroup(string id, JsonObject body)
        {
            lock (_lock)
            {
                var previous = _groups.Get(id);
                RequireSchema(body, SchemaUris.Group);
                return CommitGroup(previous, ReplacementOf(previous, body));
            }
        }

        public JsonObject PatchGroup(string id, JsonNode? body)
        {
            lock (_lock)
            {
                var previous = _groups.Get(id);
                var updated = (JsonObject)previous.DeepClone();
                GroupPatcher.Apply(updated, Behaviour.PartialMemberPatch ? PartOf(body) : body);
                return CommitGroup(previous, updated);
            }
        }

        /// <summary>What a server that applies member changes only in part applies (--member-patch partial): the first
        /// member of each addition and the first removal; the rest is dropped without a word.</summary>
        private static JsonNode? PartOf(JsonNode? body)
        {
            if (body?.DeepClone() is not JsonObject copy || copy.GetIgnoreCase("Operations") is not JsonArray operations)
            {
                return body;
            }
            var kept = new JsonArray();
            var removalKept = false;
            foreach (var operation in operations.OfType<JsonObject>())
            {
                var op = operation.GetString("op")?.ToLowerInvariant();
                if (op == "remove")
                {
                    if (removalKept)
                    {
                        continue;
                    }
                    removalKept = true;
                }
                var clone = (JsonObject)operation.DeepClone();
                if (op == "add" && clone.GetIgnoreCase("value") is JsonArray values && values.Count > 1)
                {
                    clone[clone.FindKey("value")!] = new JsonArray(values[0]!.DeepClone());
                }
                kept.Add(clone);
            }
            copy[copy.FindKey("Operations")!] = kept;
            return copy;
        }

        public void DeleteGroup(string id)
        {
            lock (_lock)
            {
                var group = _groups.Get(id);
                _groups.Remove(group);
                IndexMembers(null, group);
            }
        }

        public (int Total, List<JsonObject> Page) ListGroups(FilterNode? filter, int startIndex, int count)
        {
            lock (_lock)
            {
                var (total, page) = _groups.Query(filter, startIndex, count);
                return (total, page.Select(g => RenderGroup(g, listed: true)).ToList());
            }
        }

        public void Clear()
        {
            lock (_lock)
            {
                _users.Clear();
                _groups.Clear();
                _groupIdsByUserId.Clear();
            }
        }

        private JsonObject CommitUser(JsonObject previous, JsonObject updated)
        {
            var id = previous.GetString("id")!;
            NormalizeUser(updated, id);
            Touch(updated);
            _users.Replace(previous, updated);
            var wasActive = previous.GetIgnoreCase("active")?.GetValue<bool>() ?? true;
            var isActive = updated.GetIgnoreCase("active")?.GetValue<bool>() ?? true;
            if (wasActive && !isActive)
            {
                // Mode's behaviour: deactivation drops every group membership.
                RemoveFromAllGroups(id);
            }
            return RenderUser(updated);
        }

        private JsonObject CommitGroup(JsonObject previous, JsonObject updated)
        {
            NormalizeGroup(updated, previous.GetString("id"));
            EnsureUnderMemberCap(updated, MemberCount(previous));
            Touch(updated);
            _groups.Replace(previous, updated);
            IndexMembers(updated, previous);
            return RenderGroup(updated);
        }

        /// <summary>A server with a cap on a group's members refuses a change that would take a group past it, with a bare
        /// 400 that does not say which member is one too many. A group already over the cap may still shrink.</summary>
        private void EnsureUnderMemberCap(JsonObject group, int before)
        {
            var count = MemberCount(group);
            if (Behaviour.MaxGroupMembers is int cap && count > cap && count > before)
            {
                throw new ScimError(400, null, "A group may have at most " + cap + " members; this change would make " + count + ".");
            }
        }

        private static int MemberCount(JsonObject group) => (group["members"] as JsonArray)?.Count ?? 0;

        private JsonObject NewResource(JsonObject body, string schema, string resourceType)
        {
            var resource = (JsonObject)body.DeepClone();
            RemoveKey(resource, "id");
            RemoveKey(resource, "meta");
            var now = Timestamp();
            resource["id"] = Guid.NewGuid().ToString();
            resource["meta"] = new JsonObject
            {
                ["resourceType"] = resourceType,
                ["created"] = now,
                ["lastModified"] = now,
                ["version"] = NextVersion(),
            };
            EnsureSchema(resource, schema);
            return resource;
        }

        // PUT replaces every attribute the client may set; id, meta and read-only attributes stay.
        private static JsonObject ReplacementOf(JsonObject previous, JsonObject body)
        {
            var updated = (JsonObject)body.DeepClone();
            RemoveKey(updated, "id");
            RemoveKey(updated, "meta");
            updated["id"] = previous.GetString("id");
            updated["meta"] = previous.GetIgnoreCase("meta")!.DeepClone();
            return updated;
        }

        private void NormalizeUser(JsonObject user, string? id)
        {
            var userName = user.GetString("userName");
            if (string.IsNullOrWhiteSpace(userName))
            {
                throw ScimError.InvalidValue("userName is required and must be a non-empty string.");
            }
            _users.EnsureUniqueNameFree(userName, id);
            // groups is read-only on a User: memberships change only through the Group.
            RemoveKey(user, "groups");
            var activeKey = user.FindKey("active");
            var active = activeKey == null ? null : user[activeKey];
            user.Remove(activeKey ?? "active");
            user["active"] = ReadBoolean(active, "active") ?? true;
            if (user.FindKey(SchemaUris.EnterpriseUser) != null)
            {
                EnsureSchema(user, SchemaUris.EnterpriseUser);
            }
        }

        private void NormalizeGroup(JsonObject group, string? id)
        {
            var displayName = group.GetString("displayName");
            if (string.IsNullOrWhiteSpace(displayName))
            {
                throw ScimError.InvalidValue("displayName is required and must be a non-empty string.");
            }
            _groups.EnsureUniqueNameFree(displayName, id);
            var membersKey = group.FindKey("members");
            if (membersKey == null)
            {
                return;
            }
            if (group[membersKey] is not JsonArray members)
            {
                throw ScimError.InvalidValue("members must be an array.");
            }
            var normalized = new JsonArray();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in members)
            {
                var memberId = (member as JsonObject)?.GetString("value");
                if (memberId == null)
                {
                    throw ScimError.InvalidValue("Each member needs a value (the user's id).");
                }
                var user = _users.Find(memberId)
                    ?? throw ScimError.InvalidValue("Member '" + memberId + "' is not a user of this workspace.");
                if (seen.Add(memberId))
                {
                    normalized.Add(new JsonObject
                    {
                        ["value"] = memberId,
                        ["display"] = MemberDisplay == MemberDisplay.DisplayName ? user.GetString("displayName")
                            ?? user.GetString("userName") : user.GetString("userName"),
                        ["type"] = "User",
                        ["$ref"] = LocationBase + "/Users/" + memberId,
                    });
                }
            }
            group.Remove(membersKey);
            group["members"] = normalized;
        }

        private void RemoveFromAllGroups(string userId)
        {
            if (!_groupIdsByUserId.TryGetValue(userId, out var groupIds))
            {
                return;
            }
            // Unlike users, groups are rendered only under the lock, so the member is taken out of the stored group
            // itself: a copy of each group per deactivation (1,250 members in the benchmark's departments) held the
            // lock for 30 ms, and every other request waited for it.
            foreach (var groupId in groupIds.ToList())
            {
                var group = _groups.Get(groupId);
                if (group["members"] is JsonArray members)
                {
                    for (var i = members.Count - 1; i >= 0; i--)
                    {
                        if ((members[i] as JsonObject)?.GetString("value") == userId)
                        {
                            members.RemoveAt(i);
                        }
                    }
                }
                Touch(group);
                _groups.Changed(group);
            }
            _groupIdsByUserId.Remove(userId);
        }

        private void IndexMembers(JsonObject? current, JsonObject? previous)
        {
            var groupId = (current ?? previous)!.GetString("id")!;
            foreach (var memberId in MemberIds(previous))
            {
                if (_groupIdsByUserId.TryGetValue(memberId, out var set))
                {
                    set.Remove(groupId);
                }
            }
            foreach (var memberId in MemberIds(current))
            {
                if (!_groupIdsByUserId.TryGetValue(memberId, out var set))
                {
                    set = new HashSet<string>(StringComparer.Ordinal);
                    _groupIdsByUserId[memberId] = set;
                }
                set.Add(groupId);
            }
        }

        private static IEnumerable<string> MemberIds(JsonObject? group)
        {
            if (group?["members"] is not JsonArray members)
            {
                return Array.Empty<string>();
            }
            return members.OfType<JsonObject>().Select(m => m.GetString("value")).Where(v => v != null).Select(v => v!).ToList();
        }

        private JsonObject RenderUser(JsonObject user) => Rendered(user, GroupsOf(user), listed: false);

        /// <summary>The user's groups as the read-only "groups" attribute; reads the membership index, so only under the lock.</summary>
        private JsonArray GroupsOf(JsonObject user)
        {
            var groups = new JsonArray();
            if (_groupIdsByUserId.TryGetValue(user.GetString("id")!, out var groupIds))
            {
                foreach (var group in _groups.All.Where(g => groupIds.Contains(g.GetString("id")!)))
                {
                    var groupId = group.GetString("id");
                    groups.Add(new JsonObject
                    {
                        ["value"] = groupId,
                        ["display"] = group.GetString("displayName"),
                        ["type"] = "direct",
                        ["$ref"] = LocationBase + "/Groups/" + groupId,
                    });
                }
            }
            return groups;
        }

        private JsonObject Rendered(JsonObject user, JsonArray groups, bool listed)
        {
            var rendered = Ordered(user);
            switch (Behaviour.UserGroups)
            {
                case UserGroupsMode.Derived:
                    rendered["groups"] = groups;
                    break;
                case UserGroupsMode.NotInLists when !listed:
                    rendered["groups"] = groups;
                    break;
                case UserGroupsMode.Empty:
                    // Okta's samples: every user says "groups": [], whatever its memberships.
                    rendered["groups"] = new JsonArray();
                    break;
            }
            ((JsonObject)rendered["meta"]!)["location"] = LocationBase + "/Users/" + user.GetString("id");
            foreach (var omitted in Behaviour.OmittedUserAttributes)
            {
                var present = rendered.Select(p => p.Key)
                    .FirstOrDefault(k => string.Equals(k, omitted, StringComparison.OrdinalIgnoreCase));
                if (present != null)
                {
                    rendered.Remove(present);
                }
            }
            return rendered;
        }

        private JsonObject RenderGroup(JsonObject group) => RenderGroup(group, listed: false);

        private JsonObject RenderGroup(JsonObject group, bool listed)
        {
            var rendered = Ordered(group);
            if (Behaviour.GroupMembers == GroupMembersMode.Omitted || (listed && Behaviour.GroupMembers == GroupMembersMode.NotInLists))
            {
                rendered.Remove("members");
            }
            else if (rendered["members"] == null)
            {
                rendered["members"] = new JsonArray();
            }
            ((JsonObject)rendered["meta"]!)["location"] = LocationBase + "/Groups/" + group.GetString("id");
            return rendered;
        }

        // A copy with schemas and id first, the way people expect to read a resource.
        private static JsonObject Ordered(JsonObject resource)
        {
            var copy = new JsonObject
            {
                ["schemas"] = resource.GetIgnoreCase("schemas")?.DeepClone(),
                ["id"] = resource.GetString("id"),
            };
            foreach (var pair in resource)
            {
                if (pair.Key != "id" && !string.Equals(pair.Key, "schemas", StringComparison.OrdinalIgnoreCase))
                {
                    copy[pair.Key] = pair.Value?.DeepClone();
                }
            }
            return copy;
        }

        private void Touch(JsonObject resource)
        {
            var meta = (JsonObject)resource["meta"]!;
            meta["lastModified"] = Timestamp();
            meta["version"] = NextVersion();
        }

        private string NextVersion() => "W/\"" + (++_version).ToString(CultureInfo.InvariantCulture) + "\"";

        private static string Timestamp() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        private static bool? ReadBoolean(JsonNode? node, string name)
        {
            if (node == null)
            {
                return null;
            }
            if (node is JsonValue value)
            {
                var kind = value.GetValueKind();
                if (kind == JsonValueKind.True || kind == JsonValueKind.False)
                {
                    return value.GetValue<bool>();
                }
                if (kind == JsonValueKind.String && bool.TryParse(value.GetValue<string>(), out var parsed))
                {
                    return parsed;
                }
            }
            throw ScimError.InvalidValue(name + " must be a boolean.");
        }

        /// <summary>RFC 7643 3: a resource names its schemas. A strict server refuses one that does not name its core
        /// schema, so a client that leaves them out is caught here, not by the first strict server it meets.</summary>
        private void RequireSchema(JsonObject body, string schema)
        {
            if (Behaviour.RequireSchemas && !SchemaUris.Declares(body, schema))
            {
                throw ScimError.InvalidSyntax("The resource must declare the schema " + schema + " in \"schemas\".");
            }
        }

        private static void EnsureSchema(JsonObject resource, string schema)
        {
            var key = resource.FindKey("schemas");
            var schemas = key == null ? null : resource[key] as JsonArray;
            if (schemas == null)
            {
                if (key != null)
                {
                    resource.Remove(key);
                }
                schemas = new JsonArray();
                resource["schemas"] = schemas;
            }
            if (!schemas.Any(s => string.Equals(s?.GetValue<string>(), schema, StringComparison.OrdinalIgnoreCase)))
            {
                schemas.Add(schema);
            }
        }

        private static void RemoveKey(JsonObject resource, string name)
        {
            var key = resource.FindKey(name);
            if (key != null)
            {
                resource.Remove(key);
            }
        }
    }
}
