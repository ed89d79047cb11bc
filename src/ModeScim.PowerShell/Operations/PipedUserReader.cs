using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Lookups;
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
        private readonly ScimClient _client;
        private readonly string _activity;

        /// <param name="activity">The progress bar's title, such as "Disable-ModeUser: reading users and their groups".</param>
        public PipedUserReader(IOperationHost host, ScimClient client, string activity)
        {
            _host = host;
            _client = client;
            _activity = activity;
        }

        /// <summary>Each identity's resolution, or the failure that ended its read, in the identities' order.</summary>
        public IReadOnlyList<ItemOutcome<ScimUserResolution>> Read(IReadOnlyList<ModeUserIdentity> identities) =>
            Read(identities, (resolution, _) => Task.FromResult(resolution));

        /// <summary>Each identity resolved and passed to <paramref name="then"/> (which may read more for that user, side by
        /// side with the others), or the failure that ended either, in the identities' order.</summary>
        public IReadOnlyList<ItemOutcome<T>> Read<T>(IReadOnlyList<ModeUserIdentity> identities,
            Func<ScimUserResolution, CancellationToken, Task<T>> then)
        {
            var resolver = new ScimUserResolver(_client);
            var batches = new ThrottledProgress(_host.WriteProgress, ProgressIds.Items, _activity);
            _host.Await(token => PrefetchAsync(resolver, identities, token),
                () => batches.Report(0, identities.Count, "Reading " + identities.Count + " users in batches"));
            batches.Complete();
            return _host.AwaitEach(identities, async (identity, token) =>
            {
                var resolution = await identity.ResolveWith(resolver, token).ConfigureAwait(false);
                return await then(resolution, token).ConfigureAwait(false);
            }, _activity);
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
