using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Models;

namespace ModeScim.Client.Memberships
{
    /// <summary>The groups a user is in, from a source that can be trusted. A User's read-only "groups" is the
    /// cheap source, but nothing obliges a server to fill it: it may be left out, or always be empty. It is used
    /// when it lists groups, or when a probe has shown it agrees with the group side; otherwise the groups are read
    /// with their members once per reader (one command run) and indexed by user. When neither side can be read,
    /// the result says so instead of claiming "no groups". Thread-safe.</summary>
    public sealed class ScimMembershipReader
    {
        private const int ProbePageSize = 20;
        private const int ProbeUsersAtMost = 3;

        private readonly ScimClient _client;
        private readonly Lazy<Task<ScimMembershipIndex?>> _index;
        private readonly Lazy<Task<bool>> _probe;
        private readonly Lazy<Task<bool>> _membersProbe;

        public ScimMembershipReader(ScimClient client)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _index = new Lazy<Task<ScimMembershipIndex?>>(() => ReadIndexAsync(CancellationToken.None));
            _probe = new Lazy<Task<bool>>(() => ProbeAsync(CancellationToken.None));
            _membersProbe = new Lazy<Task<bool>>(() => ProbeGroupMembersAsync(CancellationToken.None));
        }

        /// <summary>The members of a group read with its members asked for, or null when the server does not return
        /// members at all (as Entra's guide allows): a group without the attribute is then not known to be empty.</summary>
        public async Task<IReadOnlyList<ScimMultiValue>?> MembersOfAsync(ScimGroup group, CancellationToken cancellationToken)
        {
            if (group.Members != null)
            {
                Capabilities.Learn(ScimCapability.GroupMembers, true);
                return group.Members;
            }
            // Some servers leave members out of listings but not out of a read of the one group.
            var read = group.Id == null ? null : await _client.Groups.FindAsync(group.Id, cancellationToken).ConfigureAwait(false);
            if (read?.Members != null)
            {
                Capabilities.Learn(ScimCapability.GroupMembers, true);
                return read.Members;
            }
            if (Capabilities[ScimCapability.GroupMembers] == ScimSupport.Unknown)
            {
                await WaitAsync(_membersProbe.Value, cancellationToken).ConfigureAwait(false);
            }
            // Where other groups show their members, a group without the attribute is empty (RFC 7643 lets a
            // server leave out an empty list); where none does, its members are hidden.
            return Capabilities[ScimCapability.GroupMembers] == ScimSupport.Supported ? new List<ScimMultiValue>() : null;
        }

        private ScimServerCapabilities Capabilities => _client.Capabilities;

        /// <summary>The groups of <paramref name="user"/> as just read from the server (a fresh GET or listing).</summary>
        public async Task<ScimUserMemberships> ReadAsync(ScimUser user, CancellationToken cancellationToken)
        {
            if (user.Groups != null && user.Groups.Count > 0 && Capabilities.MayUse(ScimCapability.UserGroups))
            {
                return ScimUserMemberships.Known(user.Groups, ScimMembershipSource.UserAttribute);
            }
            if (Capabilities[ScimCapability.UserGroups] == ScimSupport.Unknown)
            {
                await WaitAsync(_probe.Value, cancellationToken).ConfigureAwait(false);
            }
            if (Capabilities[ScimCapability.UserGroups] == ScimSupport.Supported)
            {
                // A server that tells the truth may still leave out an empty list, as RFC 7643 allows.
                return ScimUserMemberships.Known(user.Groups ?? new List<ScimMultiValue>(), ScimMembershipSource.UserAttribute);
            }
            var index = await ReadGroupSideAsync(cancellationToken).ConfigureAwait(false);
            return index == null ? ScimUserMemberships.Unreadable()
                : ScimUserMemberships.Known(index.GroupsOf(user.Id ?? string.Empty), ScimMembershipSource.Groups);
        }

        /// <summary>Learns, with a few requests, whether Users carry true "groups": one page of groups, then the first
        /// member found is read as a user and its "groups" compared with the group.</summary>
        private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
        {
            var membersShown = false;
            var usersRead = 0;
            var query = new ScimListQuery { PageSize = ProbePageSize, MaxItems = ProbePageSize, Concurrency = 1 };
            // Read lean, as the group side is: 20 groups of a large workspace are megabytes of member entries.
            await foreach (var page in _client.GroupMembers.ListAsync(query, cancellationToken).ConfigureAwait(false))
            {
                foreach (var group in page.Resources)
                {
                    membersShown |= group.MemberIds != null;
                    foreach (var memberId in (group.MemberIds ?? new List<string?>()).Where(ResourceId.IsValid)
                        .Take(ProbeUsersAtMost - usersRead))
                    {
                        usersRead++;
                        var user = await _client.Users.FindAsync(memberId!, cancellationToken).ConfigureAwait(false);
                        if (user == null)
                        {
                            continue;
                        }
                        Capabilities.Learn(ScimCapability.GroupMembers, true);
                        Capabilities.Learn(ScimCapability.UserGroups, user.Groups != null && user.Groups.Any(g => g.Value == group.Id));
                        return true;
                    }
                    if (usersRead >= ProbeUsersAtMost)
                    {
                        return false;
                    }
                }
            }
            // No member found on the first page: whether "groups" is true stays unknown, and the group side is
            // read instead. A listing without members proves nothing yet: one group may still show them.
            if (membersShown)
            {
                Capabilities.Learn(ScimCapability.GroupMembers, true);
            }
            return false;
        }

        private async Task<bool> ProbeGroupMembersAsync(CancellationToken cancellationToken)
        {
            var query = new ScimListQuery { PageSize = ProbePageSize, MaxItems = ProbePageSize, Concurrency = 1 };
            var anyGroup = false;
            var membersShown = false;
            await foreach (var page in _client.GroupMembers.ListAsync(query, cancellationToken).ConfigureAwait(false))
            {
                anyGroup |= page.Resources.Count > 0;
                membersShown |= page.Resources.Any(g => g.MemberIds != null);
            }
            LearnGroupMembers(anyGroup, membersShown);
            return membersShown;
        }

        /// <summary>Every user's groups as the group side shows them, read once per reader; null when the server
        /// returns groups without their members. Throws InvalidResponse when the group listing came up short.</summary>
        public Task<ScimMembershipIndex?> ReadGroupSideAsync(CancellationToken cancellationToken)
        {
            return WaitAsync(_index.Value, cancellationToken);
        }

        private async Task<ScimMembershipIndex?> ReadIndexAsync(CancellationToken cancellationToken)
        {
            if (Capabilities[ScimCapability.GroupMembers] == ScimSupport.Unsupported)
            {
                return null;
            }
            var groups = new List<ScimGroupMembers>();
            var query = new ScimListQuery();
            await foreach (var page in _client.GroupMembers.ListAsync(query, cancellationToken).ConfigureAwait(false))
            {
                groups.AddRange(page.Resources);
            }
            if (query.Outcome.EndedShort)
            {
                // A group missing from the read could make a record say "no groups" for its members.
                throw new ScimException(ScimErrorKind.InvalidResponse, "GET", "Groups", null, null,
                    "the group listing ended after " + query.Outcome.Delivered + " of the " + query.Outcome.ReportedTotal
                    + " groups the server reported, so memberships read from it cannot be trusted");
            }
            // A group listed without "members" is read alone: a server may leave members out of listings (of big
            // groups, say) and still return them for one group. Until one group has shown its members, one read
            // decides whether the server shows them at all.
            var unlisted = groups.Where(g => g.MemberIds == null && g.Id != null).ToList();
            if (unlisted.Count > 0 && !groups.Any(g => g.MemberIds != null))
            {
                var first = await _client.GroupMembers.FindAsync(unlisted[0].Id!, cancellationToken).ConfigureAwait(false);
                if (first?.MemberIds == null)
                {
                    Capabilities.Learn(ScimCapability.GroupMembers, false);
                    return null;
                }
                unlisted[0].MemberIds = first.MemberIds;
                unlisted.RemoveAt(0);
            }
            var reads = await Task.WhenAll(unlisted.Select(g => _client.GroupMembers.FindAsync(g.Id!, cancellationToken)))
                .ConfigureAwait(false);
            for (var i = 0; i < unlisted.Count; i++)
            {
                unlisted[i].MemberIds = reads[i]?.MemberIds ?? new List<string?>();
            }
            var index = new ScimMembershipIndex();
            foreach (var group in groups)
            {
                index.Add(group);
            }
            if (groups.Count > 0)
            {
                Capabilities.Learn(ScimCapability.GroupMembers, true);
            }
            return index;
        }

        // Groups that all come back without a "members" key are taken to hide them: an empty group may leave
        // the key out, but a workspace where every group does so cannot be told apart from a server that hides.
        private void LearnGroupMembers(bool anyGroup, bool membersShown)
        {
            if (anyGroup)
            {
                Capabilities.Learn(ScimCapability.GroupMembers, membersShown);
            }
        }

        // The shared read is not cancelled by one caller: another may still be waiting for it.
        private static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
        {
            var cancelled = new TaskCompletionSource<bool>();
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
            return await task.ConfigureAwait(false);
        }
    }

    /// <summary>Each user's groups (id and displayName), from the groups' members.</summary>
    public sealed class ScimMembershipIndex
    {
        private readonly Dictionary<string, List<ScimMultiValue>> _groupsByUser = new Dictionary<string,
            List<ScimMultiValue>>(StringComparer.Ordinal);

        internal void Add(ScimGroupMembers group)
        {
            // One entry per group, shared by its members' lists: the index is read, never changed.
            var entry = new ScimMultiValue { Value = group.Id, Display = group.DisplayName };
            foreach (var member in (group.MemberIds ?? new List<string?>()).Where(m => m != null))
            {
                if (!_groupsByUser.TryGetValue(member!, out var groups))
                {
                    groups = new List<ScimMultiValue>(1);
                    _groupsByUser[member!] = groups;
                }
                groups.Add(entry);
            }
        }

        public IReadOnlyList<ScimMultiValue> GroupsOf(string userId)
        {
            return _groupsByUser.TryGetValue(userId, out var groups) ? groups : new List<ScimMultiValue>();
        }
    }

    public enum ScimMembershipSource
    {
        /// <summary>The User's own "groups" attribute.</summary>
        UserAttribute,

        /// <summary>The groups' "members", read once for the run.</summary>
        Groups,

        /// <summary>Neither could be read.</summary>
        None,
    }

    /// <summary>A user's groups, or the fact that they could not be read.</summary>
    public sealed class ScimUserMemberships
    {
        private ScimUserMemberships(bool isKnown, IReadOnlyList<ScimMultiValue> groups, ScimMembershipSource source)
        {
            IsKnown = isKnown;
            Groups = groups;
            Source = source;
        }

        public bool IsKnown { get; }

        /// <summary>Empty when unknown: check <see cref="IsKnown"/> before reading "no groups" into it.</summary>
        public IReadOnlyList<ScimMultiValue> Groups { get; }

        public ScimMembershipSource Source { get; }

        public static ScimUserMemberships Known(IEnumerable<ScimMultiValue> groups, ScimMembershipSource source)
        {
            return new ScimUserMemberships(true, groups.Where(g => g.Value != null).ToList(), source);
        }

        public static ScimUserMemberships Unreadable()
            => new ScimUserMemberships(false, new List<ScimMultiValue>(), ScimMembershipSource.None);
    }
}
