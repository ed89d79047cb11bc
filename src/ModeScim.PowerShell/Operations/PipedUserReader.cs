using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
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
}
