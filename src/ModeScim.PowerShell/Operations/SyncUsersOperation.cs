using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Plans;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Sync-ModeUser: makes Mode's users match a desired set (an HR export, a directory query). It reads every
    /// user, plans, checks the guards (the limits, the lockout guard, returning users' journal records, the handover), asks,
    /// and only then changes anything: creates, updates, re-enables and disables, each leaver journalled before it is
    /// disabled.</summary>
    internal sealed class SyncUsersOperation
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly JournalSession _journal;
        private readonly SyncUsersOptions _options;
        private readonly List<DesiredUserRow> _rows = new List<DesiredUserRow>();
        private UserSyncGuards? _guards;

        // The rows and listed users this run held: whether giving the memory back is worth a full collection.
        private int _usersHeld;

        public SyncUsersOperation(IOperationHost host, ModeSession session, JournalSession journal, SyncUsersOptions options)
        {
            _host = host;
            _session = session;
            _journal = journal;
            _options = options;
        }

        /// <summary>Rows added so far: the next row's number is one more.</summary>
        public int RowCount => _rows.Count;

        /// <summary>Checks, before any request, the parameters that can refuse on their own: the limits, and a handover,
        /// which needs leavers (-DisableMissing) and the REST API.</summary>
        public void Begin()
        {
            _guards = UserSyncGuards.Parse(_options);
            if (_options.RestoreGroups)
            {
                // Read now, as Enable-ModeUser does: a journal that cannot be read ends the run before any request, not
                // after creates were sent.
                _ = _journal.Index;
            }
            if (_options.HandoverTo == null && _options.HandoverCollection == null)
            {
                return;
            }
            if (!_options.DisableMissing)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput("-HandoverTo and -HandoverCollection hand over the content "
                    + "of leavers, and only -DisableMissing makes leavers.", _options.HandoverTo ?? _options.HandoverCollection));
            }
            _session.RequireApi("-HandoverTo");
        }

        /// <summary>One desired row, already read.</summary>
        public void Add(DesiredUserRow row) => _rows.Add(row);

        /// <summary>Reads, plans, guards, asks, applies, and writes the result.</summary>
        public void End()
        {
            var planner = new UserSyncPlanner(_options.Key, _options.UpdateExisting, _options.DisableMissing, _options.IsExcluded,
                _options.IncludeGuests, _session.Client.Capabilities);
            if (planner.CountUsable(_rows) == 0 && !_options.Force)
            {
                var seen = _rows.Count == 0 ? string.Empty : UserColumns.NoKeyDetail(_rows.Count, _options.Key.Name, _rows[0].Columns);
                throw new ModeScimRefusal(ErrorRecordFactory.EmptyDesiredSet(seen, _rows.Count));
            }
            var before = _host.RequestsMade;
            var plan = PlanAgainstWorkspace(planner);
            // Planned, the listing and the rows are done with (the plan keeps what the changes need): their memory goes
            // back before the changes, where a leaver's journal record may need the whole group side read.
            _rows.Clear();
            ReleaseWorkspace();
            var failures = new UserSyncFailures(_host);
            new UserSyncPlanReport(_host, failures).Report(plan, _options.UpdateExisting);
            var guards = _guards!.Evaluate(plan);
            // Reads only, and only when the plan disables someone; refuses before anything is changed.
            var lockout = new LockoutGuard(_host, _session, "-AllowLockout");
            var execution = new UserSyncExecution(_host, _session, _journal, _options);
            if (_options.PlanPath != null)
            {
                // A saved plan is checked as a run would be (the successor too), but the guards only say what they found.
                execution.StartHandover(plan);
                var document = PlanRecorder.Start(PlanDocument.UserSync, _session.BaseUri, PlanOptionsOf(_options));
                PlanRecorder.AddUserSync(document, plan, guards.Concat(LockoutFindings(lockout, plan)),
                    user => ReasonFor(plan, user));
                _host.WriteObject(SavedPlans.Save(_host, _options.PlanPath, document, _host.RequestsMade - before));
                return;
            }
            var refusal = guards.Select(g => g.Refusal).FirstOrDefault(r => r != null);
            if (refusal != null && !_host.IsWhatIf)
            {
                throw new ModeScimRefusal(refusal);
            }
            lockout.Enforce(plan.Disables, _options.AllowLockout);
            var result = execution.Apply(plan, failures, user => ReasonFor(plan, user));
            if (refusal != null)
            {
                // -WhatIf has shown every change the plan holds; a real run would have made none of them.
                _host.WriteItemError(SavedPlans.WouldBeRefused(refusal));
            }
            result.Requests = _host.RequestsMade - before;
            _host.WriteVerbose("Created " + result.Created.Count + ", updated " + result.Updated.Count + ", enabled "
                + result.Enabled.Count + ", disabled " + result.Disabled.Count + ", unchanged " + result.Unchanged
                + ", excluded " + result.Excluded + ", failed " + result.Failed.Count + ".");
            _host.WriteObject(result);
            ReleaseWorkspace();
        }

        // The listing is referenced from this frame only. Code the JIT has not optimised (End runs once) keeps every slot
        // of its frame alive to the method's end, so a listing read in End itself would keep 50,000 users through the
        // full collection after planning and every change after it.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private UserSyncPlan PlanAgainstWorkspace(UserSyncPlanner planner)
        {
            var users = SyncUserListing.Read(_host, _session.Client, _options.Key, _rows);
            _usersHeld = _rows.Count + users.Count;
            return planner.Plan(users, _rows);
        }

        /// <summary>Drops the group side read so far and, after a big workspace, gives the memory back.</summary>
        private void ReleaseWorkspace()
        {
            _session.ForgetMemberships();
            WorkspaceMemory.ReleaseAfter(_usersHeld);
        }

        /// <summary>The lockout guard as a saved plan records it: one finding per refusal, exceeded unless -AllowLockout was
        /// given; what could not be checked is said as a warning.</summary>
        private IEnumerable<GuardFinding> LockoutFindings(LockoutGuard lockout, UserSyncPlan plan)
        {
            var check = lockout.Check(plan.Disables);
            foreach (var note in check.Notes)
            {
                _host.WriteWarning(note);
            }
            return check.Refusals.Select((refusal, i) => new GuardFinding(LockoutGuard.FindingName, "-AllowLockout", 0, 1, 0,
                _options.AllowLockout ? null : refusal, note: check.Reasons[i]));
        }

        private static PlanOptions PlanOptionsOf(SyncUsersOptions options) => new PlanOptions
        {
            Reason = options.Reason,
            RestoreGroups = options.RestoreGroups,
            AllowUnknownGroups = options.AllowUnknownGroups,
            HandoverTo = options.HandoverTo,
            HandoverCollection = options.HandoverCollection,
            AllowUnknownOwner = options.AllowUnknownOwner,
            Force = options.Force,
            AllowLockout = options.AllowLockout,
        };

        /// <summary>The journalled reason for disabling <paramref name="user"/>: for one the source marks as not active,
        /// what said so (after -Reason, when given).</summary>
        private string ReasonFor(UserSyncPlan plan, ScimUser user)
        {
            if (user.Id == null || !plan.LeaverReasons.TryGetValue(user.Id, out var why))
            {
                return _options.Reason;
            }
            return _options.ReasonGiven ? _options.Reason + "; " + why : why;
        }
    }
}
