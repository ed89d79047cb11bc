using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Memberships;

namespace ModeScim.Client.ModeApi
{
    /// <summary>The workspace's accounts, read once for everything one command asks of them: the handover's successor, the
    /// lockout guard's admins and the REST membership source's emails. Each read is the whole members list (51 requests
    /// for 5,000 accounts, some 13 s at Mode's rate of about 40 per 10 s), so reading it again for each of them costs
    /// minutes and tells nothing new. Made for one command, whose readers ask before its first change.</summary>
    public sealed class ModeAccountsRead
    {
        private readonly Lazy<Task<IReadOnlyList<ModeWorkspaceAccount>>> _accounts;

        public ModeAccountsRead(ModeApiClient api)
        {
            Api = api ?? throw new ArgumentNullException(nameof(api));
            // Not bound to the first caller's cancellation: another caller may still be waiting for the same read.
            _accounts = new Lazy<Task<IReadOnlyList<ModeWorkspaceAccount>>>(() => api.ReadAccountsAsync(CancellationToken.None));
        }

        public ModeApiClient Api { get; }

        public Task<IReadOnlyList<ModeWorkspaceAccount>> ReadAsync(CancellationToken cancellationToken) =>
            SharedRead.WaitAsync(_accounts.Value, cancellationToken);
    }
}
