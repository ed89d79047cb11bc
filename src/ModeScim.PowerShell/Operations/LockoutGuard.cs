using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client;
using ModeScim.Client.ModeApi;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Workspace;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>What the lockout guard found for one set of leavers: the refusals (ModeScim.LastAdmin,
    /// ModeScim.CredentialOwner) and what it could not establish (to be said as warnings).</summary>
    internal sealed class LockoutCheck
    {
        public LockoutCheck(bool made, IReadOnlyList<ModeScimError> refusals, IReadOnlyList<string> reasons,
            IReadOnlyList<string> notes)
        {
            Made = made;
            Refusals = refusals;
            Reasons = reasons;
            Notes = notes;
        }

        /// <summary>False when there was nothing to check it with (no REST API): then <see cref="Notes"/> says so.</summary>
        public bool Made { get; }

        public IReadOnlyList<ModeScimError> Refusals { get; }

        /// <summary>Why, one sentence per refusal in the same order, without the refusal's advice: what a saved plan or a
        /// warning under the override says.</summary>
        public IReadOnlyList<string> Reasons { get; }

        /// <summary>What could not be checked, for a warning: no REST API, or whose the credentials are.</summary>
        public IReadOnlyList<string> Notes { get; }

        public bool Refused => Refusals.Count > 0;
    }

    /// <summary>Never disable or delete the last active Mode admin, nor the account whose REST credentials are in use
    /// (Mode's REST and Discovery credentials stop working with their owner). Reads the memberships and
    /// <c>GET /api/account</c> once, on the first check, and only reads. An admin flag Mode did not show is not "not an
    /// admin": when it could decide the answer, the check refuses. Unknown ownership of the credentials is only a note:
    /// losing them is mended by an admin making new ones, which the admin check keeps possible.</summary>
    internal sealed class LockoutGuard
    {
        /// <summary>The guard's name in a saved plan's guards.</summary>
        public const string FindingName = "Lockout";

        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly string _overrideSwitch;
        private readonly HashSet<string> _warned = new HashSet<string>(StringComparer.Ordinal);
        private WorkspaceDirectory? _directory;
        private ScimException? _unreadable;
        private ModeAccountResource? _owner;
        private string? _ownerUnknown;

        /// <param name="overrideSwitch">The switch that overrides the guard, named in its refusals (-Force, -AllowLockout).</param>
        public LockoutGuard(IOperationHost host, ModeSession session, string overrideSwitch)
        {
            _host = host;
            _session = session;
            _overrideSwitch = overrideSwitch;
        }

        /// <summary>Whether the check can be made at all: the connection has Mode's REST API.</summary>
        public bool CanCheck => _session.Api != null;

        /// <summary>The refusals for disabling or deleting <paramref name="leaving"/>, without throwing: pass the whole set
        /// at once (whoever goes is counted out together). An empty set needs no request. What is read is read on the first
        /// check that needs it and kept: a check after changes needs a new guard.</summary>
        public LockoutCheck Check(IReadOnlyCollection<ScimUser> leaving)
        {
            if (leaving.Count == 0)
            {
                return new LockoutCheck(true, Array.Empty<ModeScimError>(), Array.Empty<string>(), Array.Empty<string>());
            }
            var accounts = _session.Accounts;
            if (accounts == null)
            {
                return new LockoutCheck(false, Array.Empty<ModeScimError>(), Array.Empty<string>(), new[]
                {
                    "The lockout check (the last active Mode admin, the owner of the REST credentials) could not be made: the "
                    + "connection has no REST API (Connect-ModeScim -Workspace, -ApiToken, -ApiSecret). Going on without it.",
                });
            }
            Read(accounts);
            var refusals = new List<ModeScimError>();
            var reasons = new List<string>();
            var notes = new List<string>();
            var lastAdmin = CheckAdmins(leaving);
            if (lastAdmin != null)
            {
                var (why, who, inner) = lastAdmin.Value;
                refusals.Add(ErrorRecordFactory.LastAdmin(why, who, _overrideSwitch, inner));
                reasons.Add(why);
            }
            foreach (var (leaver, why) in CheckOwner(leaving, notes))
            {
                refusals.Add(ErrorRecordFactory.CredentialOwner(leaver, why, _overrideSwitch));
                reasons.Add(why);
            }
            return new LockoutCheck(true, refusals, reasons, notes);
        }

        /// <summary>The guard step of a command: warns (once per command) what could not be checked, and ends the command
        /// with the first refusal, before any change, unless <paramref name="force"/>, which warns and goes on.</summary>
        public void Enforce(IReadOnlyCollection<ScimUser> leaving, bool force)
        {
            var check = Check(leaving);
            foreach (var note in check.Notes)
            {
                WarnOnce(note);
            }
            if (!check.Refused)
            {
                return;
            }
            if (force)
            {
                foreach (var reason in check.Reasons)
                {
                    WarnOnce("Going on (" + _overrideSwitch + ") although the lockout guard refuses: " + reason);
                }
                return;
            }
            foreach (var other in check.Refusals.Skip(1))
            {
                _host.WriteItemError(other);
            }
            throw new ModeScimRefusal(check.Refusals[0]);
        }

        private void WarnOnce(string text)
        {
            if (_warned.Add(text))
            {
                _host.WriteWarning(text);
            }
        }

        private void Read(ModeAccountsRead accounts)
        {
            if (_directory != null || _unreadable != null)
            {
                return;
            }
            try
            {
                _directory = new WorkspaceDirectory(_host.Await(accounts.ReadAsync));
            }
            catch (ScimException ex)
            {
                _unreadable = ex;
            }
            try
            {
                _owner = _host.Await(accounts.Api.GetCredentialAccountAsync);
            }
            catch (ScimException ex)
            {
                _ownerUnknown = "GET /api/account failed: " + ex.Message;
            }
        }

        /// <summary>Why no active admin would remain (or that cannot be told), and whom to leave out; null when one would.</summary>
        private (string Why, string Who, Exception? Inner)? CheckAdmins(IReadOnlyCollection<ScimUser> leaving)
        {
            if (_directory == null)
            {
                return ("Whether an active admin would remain could not be told: the workspace's memberships could not be read ("
                    + _unreadable!.Message + ").", Sample.Of(leaving.Select(Name)), _unreadable);
            }
            // Each leaving account with the SCIM user it was matched from: messages name people as the caller named them.
            var going = new Dictionary<ModeWorkspaceAccount, ScimUser>();
            var unmatched = new List<ScimUser>();
            foreach (var user in leaving.Where(u => u.Active != false))
            {
                var account = _directory.Find(user);
                if (account == null)
                {
                    unmatched.Add(user);
                }
                else
                {
                    going[account] = user;
                }
            }
            // A membership Mode shows without its state may be active: it never counts as an admin who surely stays, and
            // one leaving is counted as possibly active.
            var staying = _directory.Accounts.Where(a => MayBeActive(a) && !going.ContainsKey(a)).ToList();
            // A leaver matched to no membership may be any of the staying accounts: only admins beyond their number surely
            // remain.
            var sureAdmins = staying.Count(a => a.IsActive && a.Admin == true);
            if (sureAdmins > unmatched.Count)
            {
                return null;
            }
            var goingAdmins = going.Where(p => MayBeActive(p.Key) && p.Key.Admin == true).Select(p => Name(p.Value)).ToList();
            var unknownStaying = staying.Count(a => a.Admin == null || (a.Admin == true && !a.IsActive));
            if (goingAdmins.Count > 0)
            {
                var who = Sample.Of(goingAdmins);
                return (unknownStaying == 0
                    ? "After this no active Mode admin would remain (the last: " + who + ")."
                    : "No member Mode shows as an admin would remain after " + who + ", and Mode did not show the admin flag of "
                    + unknownStaying + " other active members, so whether any of them is one cannot be told.", who, null);
            }
            var unknownGoing = going.Where(p => MayBeActive(p.Key) && p.Key.Admin == null).Select(p => Name(p.Value))
                .Concat(unmatched.Select(Name)).ToList();
            if (unknownGoing.Count == 0)
            {
                return null;
            }
            var unknown = Sample.Of(unknownGoing);
            return ("Mode did not show whether " + unknown + " is an admin (no admin flag, or no membership matched by email or "
                + "username), and " + (sureAdmins == 0 ? "no member it shows as an admin would remain"
                    : "each of the " + sureAdmins + " admin(s) it shows may be one of them")
                + "; an unknown admin flag is not taken as \"not an admin\".", unknown, null);
        }

        /// <summary>Active, or shown without a state (which is not "inactive").</summary>
        private static bool MayBeActive(ModeWorkspaceAccount account) => account.IsActive || account.State == null;

        /// <summary>Each leaver who owns the REST credentials, with why; a note when whose they are cannot be told.</summary>
        private IEnumerable<(string Leaver, string Why)> CheckOwner(IReadOnlyCollection<ScimUser> leaving, List<string> notes)
        {
            if (_ownerUnknown != null || _owner == null || (_owner.Username == null && _owner.Email == null))
            {
                notes.Add("Whose the REST credentials are could not be told (" + (_ownerUnknown ?? "GET /api/account named no "
                    + "account") + "): a leaver who owns them is not protected, and if one does, the credentials stop working.");
                yield break;
            }
            if (_owner.IsPerson == false || (_owner.IsPerson == null
                && string.Equals(_owner.Username, _session.Api!.Workspace, StringComparison.OrdinalIgnoreCase)))
            {
                // A workspace token belongs to no person: there is no owner to protect.
                yield break;
            }
            var ownerName = _owner.Username ?? _owner.Email!;
            foreach (var user in leaving.Where(IsOwner))
            {
                yield return (Name(user), Name(user) + " owns the REST API credentials in use (GET /api/account names " + ownerName
                    + "); Mode's REST and Discovery credentials stop working with their owner's account.");
            }
        }

        private bool IsOwner(ScimUser user)
        {
            var account = _directory?.Find(user);
            if (account != null && _owner!.Username != null
                && string.Equals(account.Username, _owner.Username, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            var email = _owner!.Email?.Trim();
            return !string.IsNullOrEmpty(email) && (string.Equals(user.UserName?.Trim(), email, StringComparison.OrdinalIgnoreCase)
                || (user.Emails ?? new List<ScimMultiValue>()).Any(e => string.Equals(e.Value?.Trim(), email,
                    StringComparison.OrdinalIgnoreCase)));
        }

        private static string Name(ScimUser user) => user.UserName ?? user.Id ?? string.Empty;
    }
}
