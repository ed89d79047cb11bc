using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Models;
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
                    var current = await _client.Groups.FindAsync(group.Key, cancellationToken).ConfigureAwait(false);
                    if (current == null)
                    {
                        outcome.MissingGroups.Add((group.Key, name, userIds.Count));
                        continue;
                    }
                    // Users the group already lists are not sent again (a restore run twice, or a membership put back
                    // by hand). A server that returns no members gets every add; it keeps a member it has.
                    var present = new HashSet<string>((current.Members ?? new List<ScimMultiValue>()).Select(m => m.Value)
                        .OfType<string>(), StringComparer.Ordinal);
                    var toAdd = userIds.Where(id => !present.Contains(id)).ToList();
                    outcome.AlreadyMembers.AddRange(userIds.Where(present.Contains).Select(id => (group.Key, name, id)));
                    var failures = toAdd.Count == 0
                        ? new List<(string Id, bool Add, ScimException Error)>()
                        : await new ScimMemberPatchSender(_client, _batchSize)
                            .SendAsync(group.Key, toAdd, Array.Empty<string>(), cancellationToken).ConfigureAwait(false);
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

        /// <summary>Memberships the group already had: not sent, and counted as restored.</summary>
        public List<(string GroupId, string Name, string UserId)> AlreadyMembers { get; } = new List<(string, string, string)>();

        public List<(string Group, string UserId, ScimException Error)> Failures { get; } = new List<(string, string, ScimException)>();

        public bool WasRestored(string groupId, string userId)
        {
            return Restored.Any(r => r.GroupId == groupId && r.UserIds.Contains(userId));
        }
    }
}
