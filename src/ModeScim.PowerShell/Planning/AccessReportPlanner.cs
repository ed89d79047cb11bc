using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Memberships;
using ModeScim.Client.ModeApi;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Workspace;

namespace ModeScim.PowerShell.Planning
{
    /// <summary>What an access review reads besides the users: the group side (null where it cannot be read whole), and
    /// Mode's own accounts and their last use (null without the REST API or the Discovery API).</summary>
    internal sealed class AccessReportSources
    {
        public AccessReportSources(ScimMembershipIndex? groups, WorkspaceDirectory? directory, WorkspaceActivity? activity)
        {
            Groups = groups;
            Directory = directory;
            Activity = activity;
        }

        public ScimMembershipIndex? Groups { get; }

        public WorkspaceDirectory? Directory { get; }

        public WorkspaceActivity? Activity { get; }
    }

    /// <summary>Get-ModeAccessReport's rows, from what was read: a row per user SCIM lists, given one at a time so the users
    /// of a large workspace are never held; then <see cref="Rest"/>, a row per account only the REST API shows and per
    /// person the reference names who has no account. No requests: the reads are the operation's.</summary>
    internal sealed class AccessReportPlanner
    {
        private readonly AccessReference _reference;
        private readonly AccessReportSources _sources;
        private readonly int? _inactiveDays;
        private readonly DateTimeOffset _now;
        private readonly HashSet<string> _seen;
        private readonly HashSet<ModeWorkspaceAccount> _listed = new HashSet<ModeWorkspaceAccount>();

        /// <param name="inactiveDays">-InactiveDays: an active seat unused this long is Unused.</param>
        /// <param name="now">The time days of inactivity are counted to.</param>
        public AccessReportPlanner(AccessReference reference, AccessReportSources sources, int? inactiveDays, DateTimeOffset now)
        {
            _reference = reference;
            _sources = sources;
            _inactiveDays = inactiveDays;
            _now = now;
            _seen = new HashSet<string>(reference.Comparer);
        }

        /// <summary>True once a user listed with its own groups has been given, while the group side was not read: the
        /// Groups column then comes from users' own 'groups'.</summary>
        public bool AnyOwnGroups { get; private set; }

        /// <summary>The row of a user SCIM lists, with its Mode account when the REST API found one.</summary>
        public ModeAccessReportRow RowOf(ScimUser user)
        {
            var key = _reference.KeyOf(user.UserName, user.ExternalId) ?? _reference.KeyVouchingFor(user.UserName);
            if (key != null)
            {
                _seen.Add(key);
            }
            var account = _sources.Directory?.Find(user);
            if (account != null)
            {
                _listed.Add(account);
            }
            var groups = GroupNamesOf(user);
            AnyOwnGroups |= _sources.Groups == null && groups.Count > 0;
            var row = new ModeAccessReportRow
            {
                UserName = user.UserName ?? string.Empty,
                DisplayName = user.DisplayName,
                Active = user.Active ?? true,
                Groups = string.Join("; ", groups),
                GroupCount = groups.Count,
                Created = user.Meta?.Created?.UtcDateTime,
                LastModified = user.Meta?.LastModified?.UtcDateTime,
                Id = user.Id,
                ExternalId = user.ExternalId,
            };
            Describe(row, account);
            row.Status = AccessStatusRule.Decide(user.Active != false, account?.IsPendingInvite == true, _reference.Orphans(key),
                account?.ManagedByScim == false, row.DaysInactive, _inactiveDays);
            return row;
        }

        /// <summary>After every listed user: accounts only the REST API shows (made just in time by SAML, or invited, and
        /// not listed by SCIM), then the people the reference names whom no row has matched.</summary>
        public IEnumerable<ModeAccessReportRow> Rest()
        {
            var accounts = _sources.Directory?.Accounts ?? new List<ModeWorkspaceAccount>();
            foreach (var account in accounts.Where(a => !_listed.Contains(a)))
            {
                yield return RowOf(account);
            }
            foreach (var pair in _reference.Vouched.Where(p => !_seen.Contains(p.Key)))
            {
                yield return new ModeAccessReportRow
                {
                    UserName = pair.Value.UserName ?? pair.Key,
                    DisplayName = pair.Value.EffectiveDisplayName,
                    Status = ModeAccessStatus.Missing,
                    ExternalId = pair.Value.ExternalId,
                };
            }
        }

        private ModeAccessReportRow RowOf(ModeWorkspaceAccount account)
        {
            var userName = account.Email ?? account.Username;
            // Such an account has no externalId: only a userName key can match it.
            var key = _reference.ByExternalId ? null : userName;
            if (key != null)
            {
                _seen.Add(key);
            }
            var row = new ModeAccessReportRow
            {
                UserName = userName,
                DisplayName = account.Name,
                Active = account.IsActive,
                InScim = false,
            };
            Describe(row, account);
            row.ManagedByScim = false;
            row.Status = AccessStatusRule.Decide(account.IsActive || account.IsPendingInvite, account.IsPendingInvite,
                _reference.Orphans(key), true, row.DaysInactive, _inactiveDays);
            return row;
        }

        // Servers that ignore excludedAttributes still send "groups"; where the group side was read, it is what is reported.
        private List<string> GroupNamesOf(ScimUser user)
        {
            return _sources.Groups != null
                ? _sources.Groups.GroupsOf(user.Id ?? string.Empty).Select(g => g.Display ?? g.Value ?? string.Empty).ToList()
                : (user.Groups ?? new List<ScimMultiValue>()).Where(g => g.Value != null).Select(g => g.Display ?? g.Value!).ToList();
        }

        private void Describe(ModeAccessReportRow row, ModeWorkspaceAccount? account)
        {
            if (account == null)
            {
                return;
            }
            row.ModeUsername = account.Username;
            row.ModeState = account.State;
            row.Admin = account.Admin;
            row.ManagedByScim = account.ManagedByScim;
            if (_sources.Activity == null)
            {
                return;
            }
            var engagement = _sources.Activity.Of(account);
            row.LastEngaged = engagement?.LastEngaged?.UtcDateTime;
            row.DaysInactive = account.IsActive
                ? AccessStatusRule.DaysInactive(engagement?.LastEngaged, account.ActivatedAt, _now)
                : null;
        }
    }
}
