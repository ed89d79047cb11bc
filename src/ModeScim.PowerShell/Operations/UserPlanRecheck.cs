using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Plans;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Invoke-ModePlan's second read of a user plan: every affected user is read again (in as few requests as the
    /// server allows) and each change sorted into one still to make, one already made (a plan applied twice changes
    /// nothing), or one whose target moved since it was approved (ModeScim.PlanDrift, not made).</summary>
    internal sealed class UserPlanRecheck
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly PlanHistory _history;

        public UserPlanRecheck(IOperationHost host, ModeSession session, PlanHistory history)
        {
            _host = host;
            _session = session;
            _history = history;
        }

        /// <summary>The changes refused as drifted, each with its error: written by the caller once the others are made, so
        /// a script that stops at the first error still gets the rest of the approved plan applied.</summary>
        public List<(PlanChange Change, ModeScimError Error)> Drifts { get; } = new List<(PlanChange, ModeScimError)>();

        /// <summary>The changes still to make, as a plan the sync's own apply step takes, and each Disable's reason.</summary>
        public (UserSyncPlan Plan, Dictionary<string, string> Reasons) Recheck(PlanDocument document)
        {
            var (byId, byUserName) = ReadAffected(document);
            var builder = new UserSyncPlanBuilder();
            var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var user in byId.Values.Concat(byUserName.Values).Where(u => u.Id != null))
            {
                builder.ListedIds.Add(user.Id!);
            }
            foreach (var change in document.Changes)
            {
                if (_history.Made(change))
                {
                    _host.WriteVerbose(change.Action + " of " + change.UserName + ": the journal records it as made under this plan; "
                        + "not made again.");
                    builder.Unchanged++;
                    continue;
                }
                if (change.Action == PlanChange.Create)
                {
                    Create(builder, change, byUserName);
                    continue;
                }
                if (change.UserId == null || !byId.TryGetValue(change.UserId, out var now))
                {
                    Drift(change, "the user (id " + change.UserId + ") no longer exists");
                    continue;
                }
                var skipped = change.Action == PlanChange.Update && change.Set != null
                    ? change.Set.Keys : (ICollection<string>)Array.Empty<string>();
                var moved = PlanDriftCheck.Of(change.Read, now, skipped);
                if (moved != null)
                {
                    Drift(change, moved);
                    continue;
                }
                switch (change.Action)
                {
                    case PlanChange.Update:
                        Update(builder, change, now);
                        break;
                    case PlanChange.Enable when now.Active == true:
                    case PlanChange.Disable when now.Active == false:
                        builder.Unchanged++;
                        break;
                    case PlanChange.Enable:
                        builder.Enables.Add(now);
                        break;
                    case PlanChange.Disable:
                        builder.Disables.Add(now);
                        reasons[now.Id!] = change.Reason ?? "Invoke-ModePlan";
                        break;
                    default:
                        Drift(change, "this version cannot apply a '" + change.Action + "' change of a user plan");
                        break;
                }
            }
            return (builder.Build(), reasons);
        }

        private (Dictionary<string, ScimUser> ById, Dictionary<string, ScimUser> ByUserName) ReadAffected(PlanDocument document)
        {
            var lookup = new ScimUserLookup(_session.Client);
            var ids = document.Changes.Where(c => c.Action != PlanChange.Create && c.UserId != null).Select(c => c.UserId!).ToList();
            var names = document.Changes.Where(c => c.Action == PlanChange.Create).Select(c => c.UserName).ToList();
            try
            {
                var byId = ids.Count == 0 ? new Dictionary<string, ScimUser>() : _host.Await(token => lookup.ByIdAsync(ids, token));
                var byUserName = names.Count == 0 ? new Dictionary<string, ScimUser>(StringComparer.OrdinalIgnoreCase)
                    : _host.Await(token => lookup.ByUserNameAsync(names, token));
                return (byId, byUserName);
            }
            catch (ScimException ex)
            {
                // Without a second read nothing may be applied: the plan could no longer be checked against the server.
                throw new ModeScimRefusal(ErrorRecordFactory.FromScimException(ex, document.Id, ScimResourceKind.User));
            }
        }

        /// <summary>A user to create is created only if no one has its userName yet; one who has it with the planned
        /// attributes is a create already made.</summary>
        private void Create(UserSyncPlanBuilder builder, PlanChange change, Dictionary<string, ScimUser> byUserName)
        {
            var given = change.Set ?? new Dictionary<string, string?>();
            if (!byUserName.TryGetValue(change.UserName, out var existing))
            {
                builder.Creates.Add(PlanUserStates.ToSpec(given));
                return;
            }
            var current = PlanUserStates.From(existing);
            var differs = given.Where(g => g.Value != null && !PlanUserStates.Same(g.Key, g.Value, PlanUserStates.Value(current, g.Key)))
                .Select(g => PlanDriftCheck.Describe(g.Key, PlanUserStates.Value(current, g.Key), g.Value)).FirstOrDefault();
            if (differs != null)
            {
                Drift(change, "a user with this userName now exists (id " + existing.Id + ") and its " + differs);
                return;
            }
            builder.Unchanged++;
        }

        /// <summary>Each attribute to set is still at the value the plan read (then it is set), already at the planned
        /// value (then it is left), or at a third value (then the whole update is a drift).</summary>
        private void Update(UserSyncPlanBuilder builder, PlanChange change, ScimUser now)
        {
            var set = change.Set ?? new Dictionary<string, string?>();
            var current = PlanUserStates.From(now);
            var remaining = new List<string>();
            foreach (var attribute in set.Keys)
            {
                var shown = PlanUserStates.Value(current, attribute);
                if (PlanUserStates.Same(attribute, shown, set[attribute]))
                {
                    continue;
                }
                var read = PlanUserStates.Value(change.Read, attribute);
                if (!PlanUserStates.Same(attribute, shown, read))
                {
                    Drift(change, PlanDriftCheck.Describe(attribute, shown, read) + "; the plan would set '" + set[attribute] + "'");
                    return;
                }
                remaining.Add(attribute);
            }
            if (remaining.Count == 0)
            {
                builder.Unchanged++;
                return;
            }
            builder.Updates.Add((now, PlanUserStates.ToChange(set, remaining)));
        }

        private void Drift(PlanChange change, string what) =>
            Drifts.Add((change, PlanErrors.Drift(change.Action, change.UserName, what)));
    }
}
