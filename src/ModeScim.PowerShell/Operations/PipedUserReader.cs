using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Logging;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Reads every user a command was given, fresh, just before they are journalled and changed, in as few requests
    /// as the server allows: one <see cref="ScimUserResolver.PrefetchAsync"/> over the whole input (id or userName "or"
    /// filters of 100, else the cheaper of single reads and one listing), then each identity resolved from what that found,
    /// side by side (what it did not find is looked up alone, as before). A read per user is what made 500 leavers cost
    /// 1,000 requests.</summary>
    internal sealed class PipedUserReader
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly string _activity;

        /// <param name="activity">The progress bar's title, such as "Disable-ModeUser: reading users and their groups".</param>
        public PipedUserReader(IOperationHost host, ModeSession session, string activity)
        {
            _host = host;
            _session = session;
            _activity = activity;
        }

        /// <summary>Each identity's resolution and, for a user <paramref name="needsGroups"/> accepts, its groups as the journal
        /// takes them (<see cref="ScimMembershipReader.ReadAsync"/>, side by side), or the failure that ended either, in the
        /// identities' order. Where the batch's answers left out groups the server shows on a read by id, the group side is
        /// read once for all of them when that is cheaper than a read of each (<see cref="MembershipGate.PrepareFor"/>).</summary>
        public IReadOnlyList<ItemOutcome<(ScimUserResolution Resolution, ScimUserMemberships? Memberships)>> ReadWithGroups(
            IReadOnlyList<ModeUserIdentity> identities, Func<ScimUser, bool> needsGroups, MembershipGate gate)
        {
            var found = Read(identities);
            // A user the server gives no usable id is refused later; nothing is read on its behalf.
            var users = found.Select(f => f.Value?.User is ScimUser user && ResourceId.IsValid(user.Id) && needsGroups(user) ? user : null)
                .ToList();
            gate.PrepareFor(users.OfType<ScimUser>().ToList());
            var memberships = _session.Memberships;
            var groups = _host.AwaitEach(users, (user, token) => user == null ? Task.FromResult<ScimUserMemberships?>(null)
                : ReadGroupsAsync(memberships, user, token), _activity);
            return found.Select((f, i) => f.Error != null || groups[i].Error != null
                ? new ItemOutcome<(ScimUserResolution, ScimUserMemberships?)>(default, f.Error ?? groups[i].Error)
                : new ItemOutcome<(ScimUserResolution, ScimUserMemberships?)>((f.Value!, groups[i].Value), null)).ToList();
        }

        /// <summary>Each user to change, once, in the identities' order, with its groups where <paramref name="needsGroups"/>
        /// accepts it and <paramref name="gate"/> lets them be journalled: a failed read is written as an error, an identity
        /// that names nobody (or more than one) is said so by <paramref name="targets"/>, a user named twice is taken once.
        /// Changes nothing.</summary>
        public IReadOnlyList<PipedUser> Select(IReadOnlyList<ModeUserIdentity> identities, Func<ScimUser, bool> needsGroups,
            MembershipGate gate, TargetResolver targets)
        {
            var found = ReadWithGroups(identities, needsGroups, gate);
            // A user named twice (a repeated CSV row, a userName and an id of the same person) is changed and journalled
            // once: both are read, as they were, before either is changed.
            var handled = new HashSet<string>(StringComparer.Ordinal);
            var selected = new List<PipedUser>();
            for (var i = 0; i < identities.Count; i++)
            {
                if (found[i].Error != null)
                {
                    _host.WriteScimError(found[i].Error!, identities[i], ScimResourceKind.User);
                    continue;
                }
                var (resolution, memberships) = found[i].Value;
                var user = targets.UserFrom(identities[i], resolution);
                if (user == null)
                {
                    continue;
                }
                if (!handled.Add(user.Id!))
                {
                    _host.WriteVerbose(TargetResolver.Describe(user) + " was given more than once; it is handled once.");
                    continue;
                }
                if (!needsGroups(user))
                {
                    selected.Add(new PipedUser(i, user, null));
                }
                else if (gate.Admits(memberships!, user, identities[i]))
                {
                    selected.Add(new PipedUser(i, user, memberships));
                }
            }
            return selected;
        }

        private static async Task<ScimUserMemberships?> ReadGroupsAsync(ScimMembershipReader memberships, ScimUser user,
            CancellationToken token) => await memberships.ReadAsync(user, token).ConfigureAwait(false);

        /// <summary>Each identity's resolution, or the failure that ended its read, in the identities' order.</summary>
        public IReadOnlyList<ItemOutcome<ScimUserResolution>> Read(IReadOnlyList<ModeUserIdentity> identities)
        {
            var resolver = new ScimUserResolver(_session.Client);
            var batches = new ThrottledProgress(_host.WriteProgress, ProgressIds.Items, _activity);
            _host.Await(token => PrefetchAsync(resolver, identities, token),
                () => batches.Report(0, identities.Count, "Reading " + identities.Count + " users in batches"));
            batches.Complete();
            return _host.AwaitEach(identities, (identity, token) => identity.ResolveWith(resolver, token), _activity);
        }

        private static async Task<bool> PrefetchAsync(ScimUserResolver resolver, IReadOnlyList<ModeUserIdentity> identities,
            CancellationToken token)
        {
            var ids = identities.Where(i => i.User != null && ResourceId.IsValid(i.User.Id)).Select(i => i.User!.Id!);
            var names = identities.Where(i => i.User == null || !ResourceId.IsValid(i.User.Id)).Select(i => i.Text)
                .OfType<string>();
            await resolver.PrefetchAsync(ids, names, token).ConfigureAwait(false);
            return true;
        }
    }

    /// <summary>One user a command will change: where it stands in the input, as read, and its groups (null where the
    /// command needs none, as for a user already inactive).</summary>
    internal sealed class PipedUser
    {
        public PipedUser(int index, ScimUser user, ScimUserMemberships? memberships)
        {
            Index = index;
            User = user;
            Memberships = memberships;
        }

        public int Index { get; }

        public ScimUser User { get; }

        public ScimUserMemberships? Memberships { get; }
    }
}
