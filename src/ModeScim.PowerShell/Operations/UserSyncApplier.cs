using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Planning;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Applies a guarded <see cref="UserSyncPlan"/>: creates, then updates, then enables, then disables, each kind
    /// asked for, journalled, and sent side by side. The plan is only read; what was done (or, under -WhatIf, would be) is
    /// the result.</summary>
    internal sealed class UserSyncApplier
    {
        private const string Reason = "Sync-ModeUser";

        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly UserSyncFailures _failures;
        private readonly SyncChanges _changes;
        private readonly SyncRecords _records;
        private readonly ReturningUsers _returning;
        private readonly LeaverApproval _leavers;

        public UserSyncApplier(IOperationHost host, ModeSession session, JournalSession journal, UserSyncFailures failures,
            ReturningUsers returning, LeaverApproval leavers)
        {
            _host = host;
            _session = session;
            _failures = failures;
            _changes = new SyncChanges(host, failures);
            _records = new SyncRecords(journal, failures);
            _returning = returning;
            _leavers = leavers;
        }

        /// <param name="enables">The plan's returning users that passed the guard step.</param>
        public ModeUserSyncResult Apply(UserSyncPlan plan, IReadOnlyList<ScimUser> enables)
        {
            var updater = new ScimUserUpdater(_session.Client);
            var (created, existing) = Create(plan);

            var updates = _changes.Ask(plan.Updates, u => u.User.UserName!, u => "Set " + string.Join(", ", u.Change.ChangedAttributes));
            // Each old value as the listing showed it, the user read for the change.
            updates.Approved = _records.Record(updates.Approved, u => u.User.UserName!, "Update",
                u => UserChangeRecords.Update(u.User, u.Change, Reason, _session.BaseUri));
            var updated = _changes.Make(updates, u => u.User.UserName!, "Update",
                (u, token) => updater.ApplyAsync(u.User, u.Change, token, reread: false), "Sync-ModeUser: updating users");

            // A user the server already had, and held inactive, returns like one the listing showed.
            var returning = enables.Concat(_returning.Admit(existing.Where(user => user.Active == false)));
            var enabled = _changes.Make(_changes.Ask(returning, u => u.UserName!, _ => "Enable returning user"), u => u.UserName!, "Enable",
                (user, token) => updater.SetActiveAsync(user, true, token, reread: false), "Sync-ModeUser: enabling returning users");
            if (!_host.IsWhatIf)
            {
                _returning.Restore(enabled);
            }

            var disabled = _changes.Make(_leavers.Approve(plan.Disables), u => u.UserName!, "Disable",
                (user, token) => updater.SetActiveAsync(user, false, token, reread: false), "Sync-ModeUser: disabling users");

            return new ModeUserSyncResult
            {
                WhatIf = _host.IsWhatIf,
                Created = created.ToModeList(),
                Updated = updated.Select(u => u.User.UserName!).ToModeList(),
                Enabled = enabled.Select(u => u.UserName!).ToModeList(),
                Disabled = disabled.Select(u => u.UserName!).ToModeList(),
                Unchanged = plan.Unchanged + existing.Count,
                Excluded = plan.Excluded,
            };
        }

        /// <summary>The userNames created (or, under -WhatIf, to create), and the users the server answered a create with
        /// that it already had: those are matched, not created.</summary>
        private (List<string> Created, List<ScimUser> Existing) Create(UserSyncPlan plan)
        {
            var creates = _changes.Ask(plan.Creates, s => s.UserName!, _ => "Create Mode user");
            var created = creates.Planned.Select(s => s.UserName!).ToList();
            var existing = new List<ScimUser>();
            // Recorded before the POSTs, so without the ids the server gives in its answers.
            var approved = _records.Record(creates.Approved, s => s.UserName!, "Create",
                s => UserChangeRecords.Create(s.ToNewUser(active: true), Reason, _session.BaseUri));
            var answers = _changes.Send(approved, s => s.UserName!, "Create",
                (spec, token) => _session.Client.Users.CreateOrAdoptAsync(spec.ToNewUser(active: true), token),
                "Sync-ModeUser: creating users");
            foreach (var (spec, answer) in answers)
            {
                switch (CreateAnswer.Judge(spec.UserName!, answer, plan.WasListed))
                {
                    case CreateAnswerKind.Another:
                        _failures.Fail(spec.UserName!, "Create", CreateAnswer.AnotherUser(spec.UserName!, answer));
                        break;
                    case CreateAnswerKind.Existing:
                        _host.WriteWarning("'" + spec.UserName + "' already existed on the server as "
                            + TargetResolver.Describe(answer.Resource) + "; it was matched, not created.");
                        existing.Add(answer.Resource);
                        break;
                    default:
                        created.Add(spec.UserName!);
                        break;
                }
            }
            return (created, existing);
        }
    }
}
