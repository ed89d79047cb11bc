using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Planning;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>The limits a plan must keep within before any change is made: an empty or truncated export must not
    /// offboard the company (-MaxDisable), and a shifted column must not rewrite everyone's email, by which Mode signs
    /// people in (-MaxUpdate). Parsed when the command starts, so a mistyped limit refuses before anything is read.</summary>
    internal sealed class UserSyncGuards
    {
        /// <summary>The fewest updates the default -MaxUpdate allows, so fixing a few people in a small run is never refused.</summary>
        public const int DefaultUpdateFloor = 10;

        private readonly GuardLimit _disable;
        private readonly GuardLimit _update;
        private readonly bool _updateFloor;

        private UserSyncGuards(GuardLimit disable, GuardLimit update, bool updateFloor)
        {
            _disable = disable;
            _update = update;
            _updateFloor = updateFloor;
        }

        /// <summary>The guards; refuses (ModeScim.InvalidInput) a limit that is neither a count nor a share.</summary>
        public static UserSyncGuards Parse(SyncUsersOptions options)
        {
            if (!GuardLimit.TryParse(options.MaxDisable, out var disable, out var problem))
            {
                throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput(problem, options.MaxDisable));
            }
            if (!GuardLimit.TryParse(options.MaxUpdate, nameof(options.MaxUpdate), out var update, out problem))
            {
                throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput(problem, options.MaxUpdate));
            }
            return new UserSyncGuards(disable, update, !options.MaxUpdateGiven);
        }

        /// <summary>Refuses (ends the command) a plan that disables or updates more users than allowed.</summary>
        public void Check(UserSyncPlan plan)
        {
            var refusal = Evaluate(plan).Select(f => f.Refusal).FirstOrDefault(r => r != null);
            if (refusal != null)
            {
                throw new ModeScimRefusal(refusal);
            }
        }

        /// <summary>Each guard as the plan meets it, disables first: what a saved plan records and an approver reads.</summary>
        public IReadOnlyList<GuardFinding> Evaluate(UserSyncPlan plan) => new[] { Disables(plan), Updates(plan) };

        private GuardFinding Disables(UserSyncPlan plan)
        {
            var maximum = _disable.Maximum(plan.ActiveUsers);
            ModeScimError? refusal = null;
            if (plan.Disables.Count > maximum)
            {
                var sample = Sample.Of(plan.Disables.Select(u => u.UserName ?? u.Id ?? string.Empty));
                refusal = ErrorRecordFactory.DisableThresholdExceeded(plan.Disables.Count, plan.ActiveUsers, _disable.ToString(), maximum,
                    sample);
            }
            return new GuardFinding("MaxDisable", _disable.ToString(), maximum, plan.Disables.Count, plan.ActiveUsers, refusal);
        }

        /// <summary>Names each attribute that would change for more users than allowed ("emails of 940 of 1000 users").</summary>
        private GuardFinding Updates(UserSyncPlan plan)
        {
            var maximum = _update.Maximum(plan.Matched);
            if (_updateFloor)
            {
                maximum = Math.Max(maximum, DefaultUpdateFloor);
            }
            ModeScimError? refusal = null;
            if (plan.Updates.Count > maximum)
            {
                var attributes = plan.Updates.SelectMany(u => u.Change.ChangedAttributes)
                    .GroupBy(a => a, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > maximum).OrderByDescending(g => g.Count())
                    .Select(g => g.Key + " of " + g.Count() + " of " + plan.Matched + " users").ToList();
                var sample = Sample.Of(plan.Updates.Select(u => u.User.UserName ?? u.User.Id ?? string.Empty));
                refusal = ErrorRecordFactory.UpdateThresholdExceeded(plan.Updates.Count, plan.Matched, _update.ToString(), maximum,
                    attributes.Count > 0 ? string.Join("; ", attributes) : "several attributes", sample);
            }
            return new GuardFinding("MaxUpdate", _update.ToString(), maximum, plan.Updates.Count, plan.Matched, refusal);
        }
    }
}
