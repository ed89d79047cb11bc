using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Operations;
using ModeScim.PowerShell.Planning;

namespace ModeScim.PowerShell.Plans
{
    /// <summary>Turns what Sync-ModeUser or Sync-ModeGroup planned into a <see cref="PlanDocument"/>: each change with the
    /// state it was planned against, the guards as they were met, and what was refused.</summary>
    internal static class PlanRecorder
    {
        /// <summary>A new plan of <paramref name="kind"/> for the workspace, stamped with who, where and when.</summary>
        public static PlanDocument Start(string kind, Uri baseUri, PlanOptions options) => new PlanDocument
        {
            Id = Guid.NewGuid().ToString(),
            Kind = kind,
            CreatedAt = DateTime.UtcNow,
            Operator = JournalMapper.OperatorName(),
            Host = Environment.MachineName,
            ModuleVersion = typeof(PlanRecorder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
            BaseUri = baseUri.AbsoluteUri,
            Options = options,
        };

        /// <param name="reasonFor">The journalled reason for disabling a leaver.</param>
        public static void AddUserSync(PlanDocument document, UserSyncPlan plan, IEnumerable<GuardFinding> guards,
            Func<ScimUser, string> reasonFor)
        {
            document.Guards.AddRange(guards.Select(g => g.Record));
            document.Unchanged = plan.Unchanged;
            foreach (var spec in plan.Creates)
            {
                document.Changes.Add(new PlanChange
                {
                    Action = PlanChange.Create,
                    UserName = spec.UserName!,
                    Set = PlanUserStates.GivenBy(spec),
                });
            }
            foreach (var (user, change) in plan.Updates)
            {
                document.Changes.Add(UserChange(PlanChange.Update, user, PlanUserStates.SetBy(change), null));
            }
            document.Changes.AddRange(plan.Enables.Select(user => UserChange(PlanChange.Enable, user, null, null)));
            document.Changes.AddRange(plan.Disables.Select(user => UserChange(PlanChange.Disable, user, null, reasonFor(user))));
            foreach (var rejected in plan.Rejected)
            {
                document.Refused.Add(new PlanRefusal { Item = rejected.Row.Label, Change = rejected.Change, Reason = rejected.Reason });
            }
            foreach (var user in plan.Unaddressable)
            {
                document.Refused.Add(new PlanRefusal
                {
                    Item = user.UserName ?? "(no userName)",
                    Change = "Read",
                    Reason = "the server gives it no usable id ('" + user.Id + "')",
                });
            }
            foreach (var (user, row) in plan.Protected)
            {
                document.Refused.Add(new PlanRefusal
                {
                    Item = user.UserName ?? user.Id ?? string.Empty,
                    Change = "Disable",
                    Reason = "not disabled: desired row " + row.Number + " names it but was refused",
                });
            }
        }

        private static PlanChange UserChange(string action, ScimUser user, Dictionary<string, string?>? set, string? reason) =>
            new PlanChange
            {
                Action = action,
                UserId = user.Id,
                UserName = user.UserName ?? user.Id ?? string.Empty,
                Read = PlanUserStates.From(user),
                Set = set,
                Reason = reason,
            };
    }
}
