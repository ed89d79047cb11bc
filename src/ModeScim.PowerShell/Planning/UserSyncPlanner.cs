using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Planning
{
    /// <summary>Decides, from the server's users and the desired rows, who is created, updated, re-enabled and
    /// disabled. Pure: no requests, no output; SyncUsersOperation reads, plans, guards, asks, then applies.</summary>
    internal sealed class UserSyncPlanner
    {
        private readonly UserSyncKey _key;
        private readonly bool _updateExisting;
        private readonly bool _disableMissing;
        private readonly Func<string?, bool> _isExcluded;
        private readonly bool _includeGuests;
        private readonly ScimServerCapabilities _capabilities;

        /// <param name="isExcluded">True for a userName never to be touched (break-glass and service accounts).</param>
        /// <param name="includeGuests">Plan guest rows (#EXT#) like any other instead of skipping them.</param>
        /// <param name="capabilities">What the connection has learned of the attributes its server returns.</param>
        public UserSyncPlanner(UserSyncKey key, bool updateExisting, bool disableMissing, Func<string?, bool> isExcluded,
            bool includeGuests = false, ScimServerCapabilities? capabilities = null)
        {
            _capabilities = capabilities ?? new ScimServerCapabilities();
            _key = key;
            _updateExisting = updateExisting;
            _disableMissing = disableMissing;
            _isExcluded = isExcluded;
            _includeGuests = includeGuests;
        }

        /// <summary>The rows a key could be read from. The empty-set guard counts these, not rows: an export read
        /// with the wrong delimiter has rows, but no UserName in any of them.</summary>
        public int CountUsable(IEnumerable<DesiredUserRow> rows) => rows.Count(row => !string.IsNullOrEmpty(_key.Of(row.Spec)));

        public UserSyncPlan Plan(IEnumerable<ScimUser> listed, IReadOnlyList<DesiredUserRow> rows)
        {
            var plan = new UserSyncPlanBuilder();
            var users = new List<ScimUser>();
            foreach (var user in listed)
            {
                // Such a user cannot be changed or journalled: it is reported and left out of the plan.
                if (ResourceId.IsValid(user.Id))
                {
                    users.Add(user);
                    plan.ListedIds.Add(user.Id);
                }
                else
                {
                    plan.Unaddressable.Add(user);
                }
            }
            plan.AttributesShown = UserAttributesShown.From(users, _capabilities);
            plan.ActiveUsers = users.Count(u => u.Active != false);
            var byKey = IndexByKey(users);
            var keyless = IndexKeylessByUserName(users);
            var desiredKeys = new HashSet<string>(_key.Comparer);
            var refusedKeys = new Dictionary<string, DesiredUserRow>(_key.Comparer);
            // A refused row names its person by userName or email too: with the ExternalId key a blank ID cell must not
            // make the person that row names a leaver.
            var refusedNames = new Dictionary<string, DesiredUserRow>(StringComparer.OrdinalIgnoreCase);
            var disagreeing = RowsThatDisagreeOnStatus(rows);
            foreach (var row in rows)
            {
                if (!PlanRow(plan, row, byKey, keyless, desiredKeys, disagreeing))
                {
                    Remember(refusedKeys, _key.Of(row.Spec), row);
                    Remember(refusedNames, row.Spec.UserName, row);
                    Remember(refusedNames, row.Spec.Email, row);
                }
            }
            if (_disableMissing)
            {
                PlanDisables(plan, users, desiredKeys, refusedKeys, refusedNames);
            }
            return plan.Build();
        }

        private static void Remember(Dictionary<string, DesiredUserRow> refused, string? name, DesiredUserRow row)
        {
            var visible = InputValidation.Visible(name ?? string.Empty);
            if (visible.Length > 0 && !refused.ContainsKey(visible))
            {
                refused[visible] = row;
            }
        }

        /// <summary>Keys whose rows disagree on whether the person is active (a rehire and an old record, say), with the
        /// numbers of those rows: row order must not decide someone's access, so that person is refused.</summary>
        private Dictionary<string, string> RowsThatDisagreeOnStatus(IReadOnlyList<DesiredUserRow> rows)
        {
            return rows.Where(r => !string.IsNullOrEmpty(_key.Of(r.Spec)))
                .GroupBy(r => InputValidation.Visible(_key.Of(r.Spec)!), _key.Comparer)
                .Where(g => g.Any(r => r.Spec.Status.IsInactive) && g.Any(r => !r.Spec.Status.IsInactive))
                .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(r => r.Number)), _key.Comparer);
        }

        private Dictionary<string, ScimUser> IndexByKey(List<ScimUser> users)
        {
            var byKey = new Dictionary<string, ScimUser>(_key.Comparer);
            foreach (var user in users)
            {
                var key = _key.Of(user);
                if (!InputValidation.IsEmpty(key) && !byKey.ContainsKey(key))
                {
                    byKey[key] = user;
                }
            }
            return byKey;
        }

        /// <summary>With an ExternalId key, the users who have none, by userName: an account SAML made just in time has no
        /// externalId, and the row that names its person by userName must still find it (and, with -UpdateExisting,
        /// give it the externalId), never create a second one or count it as a leaver.</summary>
        private Dictionary<string, ScimUser> IndexKeylessByUserName(List<ScimUser> users)
        {
            var keyless = new Dictionary<string, ScimUser>(StringComparer.OrdinalIgnoreCase);
            if (!_key.IsUserName)
            {
                foreach (var user in users.Where(u => string.IsNullOrEmpty(_key.Of(u))))
                {
                    var userName = user.UserName;
                    if (!InputValidation.IsEmpty(userName) && !keyless.ContainsKey(userName))
                    {
                        keyless[userName] = user;
                    }
                }
            }
            return keyless;
        }

        /// <summary>Plans one row; false when the row was refused as input that cannot be used.</summary>
        private bool PlanRow(UserSyncPlanBuilder plan, DesiredUserRow row, Dictionary<string, ScimUser> byKey,
            Dictionary<string, ScimUser> keyless, HashSet<string> desiredKeys, Dictionary<string, string> disagreeing)
        {
            var spec = row.Spec;
            var key = _key.Of(spec);
            if (InputValidation.IsEmpty(key))
            {
                plan.Rejected.Add(
                    new RejectedRow(row, "Read", "Desired row " + row.Number + " has no " + _key + " (columns: " + row.Columns
                    + "); it was skipped."));
                return false;
            }
            if (disagreeing.TryGetValue(InputValidation.Visible(key), out var numbers))
            {
                // Named, so never missing; refused, so neither disabled nor enabled. Reported once, at its first row.
                if (desiredKeys.Add(key))
                {
                    plan.Rejected.Add(new RejectedRow(row, "Read", "Desired rows " + numbers + " name " + _key + " '" + key
                        + "' but disagree on whether the person is active; that person is neither disabled nor enabled. Fix the rows."));
                }
                return false;
            }
            if (!desiredKeys.Add(key))
            {
                plan.Rejected.Add(
                    new RejectedRow(row, "Read", _key + " '" + key
                    + "' appears more than once in the desired set; only the first is used."));
                return true;
            }
            byKey.TryGetValue(key, out var existing);
            var byUserName = existing == null && spec.UserName != null && keyless.TryGetValue(spec.UserName, out existing);
            if (existing != null)
            {
                plan.MatchedIds.Add(existing.Id!);
            }
            if (_isExcluded(spec.UserName) || (existing != null && _isExcluded(existing.UserName)))
            {
                plan.Excluded++;
                return true;
            }
            if (spec.Status.Problem != null)
            {
                // Whether the person is active cannot be read: neither created, changed, re-enabled nor disabled.
                plan.Rejected.Add(new RejectedRow(row, "Read",
                    "Desired row " + row.Number + " (" + row.Label + "): " + spec.Status.Problem));
                return false;
            }
            if (spec.IsGuest && !_includeGuests)
            {
                plan.Guests.Add(row);
                return true;
            }
            if (spec.Status.IsInactive)
            {
                PlanLeaver(plan, row, existing);
                return true;
            }
            if (!spec.IsValid && (existing == null || _updateExisting))
            {
                plan.Rejected.Add(
                    new RejectedRow(row, existing == null ? "Create" : "Update", "User '" + row.Label + "': "
                    + string.Join(" ", spec.Problems)));
                return false;
            }
            if (existing == null)
            {
                plan.Creates.Add(spec);
                return true;
            }
            plan.Matched++;
            var change = _updateExisting
                ? spec.DifferencesFrom(existing, compareUserName: !_key.IsUserName && !byUserName,
                    compareExternalId: _key.IsUserName || byUserName, plan.AttributesShown)
                : new ScimUserChange();
            var returning = existing.Active == false;
            if (returning)
            {
                plan.Enables.Add(existing);
            }
            if (!change.IsEmpty)
            {
                plan.Updates.Add((existing, change));
            }
            if (!returning && change.IsEmpty)
            {
                plan.Unchanged++;
            }
            return true;
        }

        /// <summary>A row whose source says the person is not active: never created, changed or re-enabled; disabled
        /// where still active, whatever -DisableMissing says (the source names them as gone).</summary>
        private static void PlanLeaver(UserSyncPlanBuilder plan, DesiredUserRow row, ScimUser? existing)
        {
            if (existing == null)
            {
                plan.LeaversWithoutAccount++;
                return;
            }
            if (existing.Active == false)
            {
                plan.Unchanged++;
                return;
            }
            plan.Disables.Add(existing);
            plan.LeaverReasons[existing.Id!] = "Not active in the source: " + row.Spec.Status.Describe() + " in desired row " + row.Number
                + " (Sync-ModeUser)";
        }

        private void PlanDisables(UserSyncPlanBuilder plan, List<ScimUser> users, HashSet<string> desiredKeys,
            Dictionary<string, DesiredUserRow> refusedKeys, Dictionary<string, DesiredUserRow> refusedNames)
        {
            foreach (var user in users.Where(u => u.Active != false))
            {
                var key = _key.Of(user);
                if ((key != null && desiredKeys.Contains(key)) || plan.MatchedIds.Contains(user.Id!))
                {
                    continue;
                }
                if ((key != null && refusedKeys.TryGetValue(InputValidation.Visible(key), out var refused))
                    || refusedNames.TryGetValue(InputValidation.Visible(user.UserName ?? string.Empty), out refused))
                {
                    plan.Protected.Add((user, refused));
                    continue;
                }
                if (_isExcluded(user.UserName))
                {
                    plan.Excluded++;
                    continue;
                }
                plan.Disables.Add(user);
            }
        }
    }
}
