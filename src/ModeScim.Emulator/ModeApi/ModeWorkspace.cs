using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using ModeScim.Emulator.Storage;

namespace ModeScim.Emulator.ModeApi
{
    /// <summary>What Mode's REST API sees of the workspace. Members are not stored twice: SCIM users are read from
    /// the SCIM store at each request (so a SCIM deactivation shows in the membership's state at once), and only
    /// what SCIM cannot hold lives here: accounts made outside SCIM (SAML just-in-time sign-ins, invites), admins,
    /// activity, collections, reports, permissions and the audit log.</summary>
    internal sealed class ModeWorkspace
    {
        private readonly object _lock = new();
        private readonly ScimStore _scim;
        private readonly Dictionary<string, (string Username, string MemberToken, string MembershipToken)> _scimAccounts =
            new(StringComparer.Ordinal);
        private readonly List<ModeAccount> _localAccounts = new();
        private readonly HashSet<string> _unmanagedScimIds = new(StringComparer.Ordinal);
        private readonly HashSet<string> _admins = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, ModeEngagement> _engagement = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<ModeSpace> _spaces = new();
        private readonly List<ModeReport> _reports = new();
        private readonly List<ModePermission> _permissions = new();
        private readonly List<ModeAuditEntry> _audit = new();
        private readonly HashSet<string> _signatureTokens = new(StringComparer.Ordinal);
        private readonly HashSet<string> _usernames = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _groupTokens = new(StringComparer.Ordinal);
        private readonly List<(string Token, string Name, List<string> MemberEmails)> _modeGroups = new();

        public ModeWorkspace(ScimStore scim)
        {
            _scim = scim;
        }

        /// <summary>Every member: SCIM users (managed unless made just in time) and the accounts SCIM never made.</summary>
        public List<ModeAccount> Accounts()
        {
            var users = _scim.SnapshotUsers();
            lock (_lock)
            {
                var accounts = users.Select(AccountOf).ToList();
                accounts.AddRange(_localAccounts.Select(WithAdminFlag));
                return accounts;
            }
        }

        /// <summary>SCIM's groups as the REST API shows them: each with a token of its own, marked managed (SCIM made it),
        /// and its members as accounts, then the groups made in Mode itself (not managed). Read from the SCIM store at each
        /// request, like the accounts.</summary>
        public List<ModeGroup> Groups()
        {
            var groups = _scim.SnapshotGroups();
            var all = Accounts();
            var accounts = all.Where(a => a.ScimId != null).ToDictionary(a => a.ScimId!, StringComparer.Ordinal);
            lock (_lock)
            {
                var result = groups.Select(g => new ModeGroup
                {
                    Token = GroupToken(g.Id),
                    Name = g.DisplayName,
                    Managed = true,
                    Members = g.MemberIds.Where(accounts.ContainsKey).Select(id => accounts[id]).ToList(),
                }).ToList();
                result.AddRange(_modeGroups.Select(g => new ModeGroup
                {
                    Token = g.Token,
                    Name = g.Name,
                    Managed = false,
                    Members = all.Where(a => g.MemberEmails.Contains(a.Email, StringComparer.OrdinalIgnoreCase)).ToList(),
                }));
                return result;
            }
        }

        /// <summary>A group made in Mode, not through SCIM, holding the accounts with these emails.</summary>
        public string AddModeGroup(string name, IEnumerable<string> memberEmails)
        {
            lock (_lock)
            {
                var token = NewToken();
                _modeGroups.Add((token, name, memberEmails.ToList()));
                return token;
            }
        }

        public ModeGroup Group(string token) =>
            Groups().FirstOrDefault(g => g.Token == token) ?? throw ModeApiError.NotFound("Group " + token);

        private string GroupToken(string scimId)
        {
            if (!_groupTokens.TryGetValue(scimId, out var token))
            {
                token = NewToken();
                _groupTokens[scimId] = token;
            }
            return token;
        }

        public ModeAccount? FindByUsername(string username) =>
            Accounts().FirstOrDefault(a => string.Equals(a.Username, username, StringComparison.OrdinalIgnoreCase));

        public ModeAccount? FindByEmail(string email) =>
            Accounts().FirstOrDefault(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase));

        public ModeAccount? FindByMemberToken(string token) =>
            Accounts().FirstOrDefault(a => string.Equals(a.MemberToken, token, StringComparison.Ordinal));

        public ModeEngagement EngagementOf(ModeAccount account)
        {
            lock (_lock)
            {
                return _engagement.TryGetValue(account.Username, out var found) ? found
                    : new ModeEngagement { ActivatedAt = account.ActivatedAt };
            }
        }

        public List<ModeSpace> Spaces()
        {
            lock (_lock)
            {
                return _spaces.ToList();
            }
        }

        public ModeSpace Space(string token)
        {
            lock (_lock)
            {
                return _spaces.FirstOrDefault(s => s.Token == token) ?? throw ModeApiError.NotFound("Collection " + token);
            }
        }

        public List<ModeReport> ReportsIn(string spaceToken)
        {
            lock (_lock)
            {
                Space(spaceToken);
                return _reports.Where(r => r.SpaceToken == spaceToken).ToList();
            }
        }

        public ModeReport Report(string token)
        {
            lock (_lock)
            {
                return _reports.FirstOrDefault(r => r.Token == token) ?? throw ModeApiError.NotFound("Report " + token);
            }
        }

        public ModeReport MoveReport(string reportToken, string spaceToken, string actor)
        {
            lock (_lock)
            {
                var report = Report(reportToken);
                var target = Space(spaceToken);
                var from = report.SpaceToken;
                report.SpaceToken = target.Token;
                Record("report_moved", actor, "report " + report.Token + " from " + from + " to " + target.Token);
                return report;
            }
        }

        public List<ModePermission> PermissionsOn(string spaceToken)
        {
            lock (_lock)
            {
                Space(spaceToken);
                return _permissions.Where(p => p.SpaceToken == spaceToken).ToList();
            }
        }

        /// <summary>Adds a permission. A second identical grant makes a second permission, so a client that
        /// repeats a grant shows up in the state instead of being hidden.</summary>
        public ModePermission Grant(string spaceToken, string action, string accessorType, string accessorToken, string actor)
        {
            if (action != "view" && action != "edit")
            {
                throw ModeApiError.BadRequest("action must be view or edit, not '" + action + "'.");
            }
            if (accessorType != "Account" && accessorType != "UserGroup")
            {
                throw ModeApiError.BadRequest("accessor_type must be Account or UserGroup, not '" + accessorType + "'.");
            }
            if (accessorType == "Account" && FindByMemberToken(accessorToken) == null)
            {
                throw ModeApiError.NotFound("Account " + accessorToken);
            }
            lock (_lock)
            {
                Space(spaceToken);
                var permission = new ModePermission
                {
                    Token = NewToken(),
                    SpaceToken = spaceToken,
                    Action = action,
                    AccessorType = accessorType,
                    AccessorToken = accessorToken,
                };
                _permissions.Add(permission);
                Record("permission_granted", actor, action + " on " + spaceToken + " to " + accessorType + " " + accessorToken);
                return permission;
            }
        }

        public void Revoke(string spaceToken, string permissionToken, string actor)
        {
            lock (_lock)
            {
                var permission = _permissions.FirstOrDefault(p => p.SpaceToken == spaceToken && p.Token == permissionToken)
                    ?? throw ModeApiError.NotFound("Permission " + permissionToken);
                _permissions.Remove(permission);
                Record("permission_revoked", actor, permission.Action + " on " + spaceToken + " from " + permission.AccessorToken);
            }
        }

        public List<ModeAuditEntry> AuditLog(DateTimeOffset start, DateTimeOffset end)
        {
            lock (_lock)
            {
                return _audit.Where(e => e.Timestamp >= start && e.Timestamp <= end).ToList();
            }
        }

        /// <summary>A Discovery API signature token: its id, access key and secret, which together make the bearer.</summary>
        public (string Id, string AccessKey, string AccessSecret) IssueSignatureToken()
        {
            var issued = (NewToken(), Guid.NewGuid().ToString("N").Substring(0, 24), Guid.NewGuid().ToString("N").Substring(0, 24));
            lock (_lock)
            {
                _signatureTokens.Add(issued.Item1 + ":" + issued.Item2 + ":" + issued.Item3);
            }
            return issued;
        }

        /// <summary>True when <paramref name="decoded"/> is "id:access_key:access_secret" of an issued signature token.</summary>
        public bool IsSignatureToken(string decoded)
        {
            lock (_lock)
            {
                return _signatureTokens.Contains(decoded);
            }
        }

        public void SetEngagement(ModeAccount account, DateTimeOffset? lastDayEngaged, DateTimeOffset? activatedAt)
        {
            lock (_lock)
            {
                var engagement = EngagementOf(account);
                engagement.LastDayEngaged = lastDayEngaged ?? engagement.LastDayEngaged;
                engagement.ActivatedAt = activatedAt ?? engagement.ActivatedAt;
                engagement.TotalDaysEngaged = Math.Max(engagement.TotalDaysEngaged, engagement.LastDayEngaged.HasValue ? 1 : 0);
                _engagement[account.Username] = engagement;
            }
        }

        public void SetAdmin(ModeAccount account, bool admin)
        {
            lock (_lock)
            {
                if (admin)
                {
                    _admins.Add(account.Username);
                }
                else
                {
                    _admins.Remove(account.Username);
                }
            }
        }

        public ModeSpace AddSpace(string name, ModeAccount creator, bool personal)
        {
            lock (_lock)
            {
                var space = new ModeSpace
                {
                    Token = NewToken(),
                    Name = name,
                    SpaceType = personal ? "private" : "custom",
                    CreatorUsername = creator.Username,
                    CreatedAt = DateTimeOffset.UtcNow,
                };
                _spaces.Add(space);
                return space;
            }
        }

        public ModeReport AddReport(string name, ModeSpace space, ModeAccount creator)
        {
            lock (_lock)
            {
                var report = new ModeReport
                {
                    Token = NewToken(),
                    Name = name,
                    SpaceToken = space.Token,
                    CreatorUsername = creator.Username,
                    CreatedAt = DateTimeOffset.UtcNow,
                };
                _reports.Add(report);
                return report;
            }
        }

        /// <summary>An account made outside SCIM. With <paramref name="listedInScim"/> it is also a SCIM user that
        /// SCIM does not manage (whether Mode's SCIM lists such accounts is not known, so both are served).</summary>
        public ModeAccount AddUnmanagedAccount(string email, string name, bool listedInScim, bool invited = false)
        {
            if (listedInScim)
            {
                var created = _scim.CreateUser(new JsonObject
                {
                    ["schemas"] = new JsonArray(SchemaUris.User),
                    ["userName"] = email,
                    ["displayName"] = name,
                    ["emails"] = new JsonArray(new JsonObject { ["value"] = email, ["type"] = "work", ["primary"] = true }),
                });
                var id = created["id"]!.GetValue<string>();
                lock (_lock)
                {
                    _unmanagedScimIds.Add(id);
                }
                return FindByEmail(email)!;
            }
            lock (_lock)
            {
                var account = new ModeAccount
                {
                    Username = UniqueUsername(email),
                    Email = email,
                    Name = name,
                    MemberToken = NewToken(),
                    MembershipToken = NewToken(),
                    State = invited ? "pending" : "active",
                    Invited = invited,
                    ActivatedAt = invited ? null : DateTimeOffset.UtcNow,
                };
                _localAccounts.Add(account);
                return account;
            }
        }

        public void Clear()
        {
            lock (_lock)
            {
                _scimAccounts.Clear();
                _localAccounts.Clear();
                _unmanagedScimIds.Clear();
                _admins.Clear();
                _engagement.Clear();
                _spaces.Clear();
                _reports.Clear();
                _permissions.Clear();
                _audit.Clear();
                _signatureTokens.Clear();
                _usernames.Clear();
                _groupTokens.Clear();
                _modeGroups.Clear();
            }
        }

        private ModeAccount AccountOf(ScimUserSummary user)
        {
            if (!_scimAccounts.TryGetValue(user.Id, out var names))
            {
                names = (UniqueUsername(user.UserName), NewToken(), NewToken());
                _scimAccounts[user.Id] = names;
            }
            var activated = DateTimeOffset.Parse(user.Created, System.Globalization.CultureInfo.InvariantCulture);
            return new ModeAccount
            {
                Username = names.Username,
                Email = user.UserName,
                Name = user.DisplayName ?? user.UserName,
                MemberToken = names.MemberToken,
                MembershipToken = names.MembershipToken,
                State = user.Active ? "active" : "deactivated",
                Admin = _admins.Contains(names.Username),
                ManagedByScim = !_unmanagedScimIds.Contains(user.Id),
                ActivatedAt = _engagement.TryGetValue(names.Username, out var engagement) && engagement.ActivatedAt.HasValue
                    ? engagement.ActivatedAt : activated,
                ScimId = user.Id,
            };
        }

        private ModeAccount WithAdminFlag(ModeAccount account)
        {
            return new ModeAccount
            {
                Username = account.Username,
                Email = account.Email,
                Name = account.Name,
                MemberToken = account.MemberToken,
                MembershipToken = account.MembershipToken,
                State = account.State,
                Admin = _admins.Contains(account.Username),
                Invited = account.Invited,
                ActivatedAt = account.ActivatedAt,
            };
        }

        // Mode usernames are short lowercase handles; the emulator makes one from the email's local part.
        private string UniqueUsername(string email)
        {
            var local = email.Split('@')[0];
            var handle = new string(local.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
            handle = handle.Length == 0 ? "member" : handle;
            var candidate = handle;
            for (var n = 2; _usernames.Contains(candidate); n++)
            {
                candidate = handle + n;
            }
            // Taken for good, even if the account goes: Mode does not hand a username to someone else.
            _usernames.Add(candidate);
            return candidate;
        }

        private void Record(string @event, string actor, string details)
        {
            _audit.Add(new ModeAuditEntry
            {
                Token = NewToken(),
                Event = @event,
                Actor = actor,
                Timestamp = DateTimeOffset.UtcNow,
                Details = details,
            });
        }

        public void RecordEvent(string @event, string actor, string details)
        {
            lock (_lock)
            {
                Record(@event, actor, details);
            }
        }

        private static string NewToken() => Guid.NewGuid().ToString("N").Substring(0, 12);
    }
}
