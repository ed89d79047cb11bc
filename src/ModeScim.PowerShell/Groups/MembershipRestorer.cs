using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Groups
{
    /// <summary>Puts users back into groups: per group, one check that it still exists, then the users in
    /// batched PATCHes. Reports rather than writes, so the calling cmdlet can turn the outcome into warnings
    /// and errors on the pipeline thread.</summary>
    internal sealed class MembershipRestorer
    {
        private readonly ScimClient _client;
        private readonly int _batchSize;

        public MembershipRestorer(ScimClient client, int batchSize)
        {
            _client = client;
            _batchSize = batchSize;
        }

        public async Task<RestoreOutcome> RestoreAsync(IEnumerable<(string UserId, ModeGroupMembership Group)> memberships,
            CancellationToken cancellationToken)
        {
            var outcome = new RestoreOutcome();
            foreach (var group in memberships.GroupBy(m => m.Group.Id))
            {
                var name = group.First().Group.DisplayName ?? group.Key;
                var userIds = group.Select(m => m.UserId).Distinct().ToList();
                try
                {
                    if (await _client.Groups.FindAsync(group.Key, cancellationToken).ConfigureAwait(false) == null)
                    {
                        outcome.MissingGroups.Add((group.Key, name, userIds.Count));
                        continue;
                    }
                    var failures = await new ScimMemberPatchSender(_client, _batchSize)
                        .SendAsync(group.Key, userIds, new string[0], cancellationToken).ConfigureAwait(false);
                    foreach (var failure in failures)
                    {
                        outcome.Failures.Add((name, failure.Id, failure.Error));
                    }
                    outcome.Restored.Add((group.Key, userIds.Except(failures.Select(f => f.Id)).ToList()));
                }
                catch (ScimException ex) when (ex.Kind != ScimErrorKind.Unauthorized && ex.Kind != ScimErrorKind.Forbidden)
                {
                    outcome.Failures.AddRange(userIds.Select(id => (name, id, ex)));
                }
            }
            return outcome;
        }
    }

    internal sealed class RestoreOutcome
    {
        public List<(string GroupId, List<string> UserIds)> Restored { get; } = new List<(string, List<string>)>();

        public List<(string GroupId, string Name, int Members)> MissingGroups { get; } = new List<(string, string, int)>();

        public List<(string Group, string UserId, ScimException Error)> Failures { get; } = new List<(string, string, ScimException)>();

        public bool WasRestored(string groupId, string userId)
        {
            return Restored.Any(r => r.GroupId == groupId && r.UserIds.Contains(userId));
        }
    }
}
