using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Capabilities;
using ModeScim.Client.ModeApi;
using ModeScim.Client.Models;

namespace ModeScim.Client.Memberships
{
    /// <summary>The groups a user is in (and the members of a group), from a source that can be trusted. In order:
    /// the User's own "groups" where a probe has shown it agrees with the group side and the response it came in shows
    /// it (a list may be trimmed where a read by id is not); the groups read with their members, once per reader;
    /// <c>members[value eq "u"]</c> on /Groups; Mode's REST API; <c>id eq "g" and members[value eq "u"]</c> (a request
    /// per user and group, so last). An attribute missing from a response is never taken for "no groups" or "no
    /// members". When no source can tell, the result says so. Thread-safe.</summary>
    public sealed class ScimMembershipReader
    {
        private const int ProbePageSize = 20;
        private const int ProbeUsersAtMost = 3;

        /// <summary>Below this many users to read alone, <see cref="PrepareForAsync"/> reads each without asking how many
        /// groups there are (a request of its own).</summary>
        private const int ReadsAloneBeforeAsking = 20;

        private readonly ScimClient _client;
        private readonly Lazy<Task<ScimMembershipIndex?>> _index;
        private readonly Lazy<Task> _probe;
        private readonly GroupMemberFilterSource _filters;
        private readonly ModeApiMembershipSource? _modeApi;

        /// <param name="modeApi">Mode's REST API, when the connection has it.</param>
        public ScimMembershipReader(ScimClient client, ModeApiClient? modeApi = null)
            : this(client, modeApi == null ? null : new ModeAccountsRead(modeApi))
        {
        }

        /// <param name="client">The SCIM client.</param>
        /// <param name="accounts">Mode's REST API with the workspace's accounts as the command reads them once, when the
        /// connection has it.</param>
        public ScimMembershipReader(ScimClient client, ModeAccountsRead? accounts)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _index = new Lazy<Task<ScimMembershipIndex?>>(() => ReadIndexAsync(CancellationToken.None));
            _probe = new Lazy<Task>(() => ProbeAsync(CancellationToken.None));
            var catalog = new ScimWorkspaceCatalog(client);
            _filters = new GroupMemberFilterSource(client, catalog);
            _modeApi = accounts == null ? null : new ModeApiMembershipSource(accounts, catalog);
        }

        private ScimServerCapabilities Capabilities => _client.Capabilities;

        /// <summary>The members of a group, from the group itself (read by id where a listing left them out), else from a
        /// filter on members or Mode's REST API; unknown when none can tell. A group that comes without the attribute even
        /// when read alone is not taken for empty: RFC 7643 lets a server leave out an empty list, but a server may as well
        /// leave out a long one.</summary>
        /// <param name="otherSources">False to ask only the group: a filter costs a request per user of the workspace,
        /// more than a caller that can do without the members (sending every change) should spend.</param>
        public async Task<ScimGroupMemberList> MembersOfAsync(ScimGroup group, CancellationToken cancellationToken,
            bool otherSources = true)
        {
            if (group.Members != null)
            {
                Capabilities.Learn(ScimCapability.GroupMembers, true);
                return ScimGroupMemberList.Known(group.Members, ScimMembershipSource.Groups);
            }
            // Some servers leave members out of listings but not out of a read of the one group.
            var read = group.ReadAs == ScimReadKind.Single || !ResourceId.IsValid(group.Id) ? null
                : await _client.Groups.FindAsync(group.Id, cancellationToken).NoContext();
            if (read?.Members != null)
            {
                Capabilities.Learn(ScimCapability.GroupMembers, true);
                return ScimGroupMemberList.Known(read.Members, ScimMembershipSource.Groups);
            }
            if (!otherSources || !ResourceId.IsValid(group.Id))
            {
                return ScimGroupMemberList.Unreadable(null);
            }
            var members = await _filters.MembersByMemberAsync(group.Id, cancellationToken).NoContext();
            if (members != null)
            {
                return ScimGroupMemberList.Known(members, ScimMembershipSource.GroupFilter);
            }
            string? problem = null;
            if (_modeApi != null)
            {
                (members, problem) = await _modeApi.MembersOfAsync(group, cancellationToken).NoContext();
                if (members != null)
                {
                    return ScimGroupMemberList.Known(members, ScimMembershipSource.ModeApi);
                }
            }
            members = await _filters.MembersByGroupAsync(group.Id, cancellationToken).NoContext();
            return members != null ? ScimGroupMemberList.Known(members, ScimMembershipSource.GroupFilter)
                : ScimGroupMemberList.Unreadable(problem);
        }

        /// <summary>Learns, where it is not yet known, whether users' "groups" attribute tells the truth (a few requests,
        /// once per connection), so that users can be shown with their groups or as unknown.</summary>
        public async Task<ScimSupport> LearnWhetherUsersShowGroupsAsync(CancellationToken cancellationToken)
        {
            if (Capabilities[ScimCapability.UserGroups] == ScimSupport.Unknown)
            {
                await SharedRead.WaitAsync(_probe.Value, cancellationToken).NoContext();
            }
            return Capabilities[ScimCapability.UserGroups];
        }

        /// <summary>Before the groups of many users just read in a listing or a batch are read one by one: where those
        /// responses left out the "groups" the server shows on a read by id (a server that trims lists), reads the group side
        /// once instead, when that takes fewer requests than a read of each user (asked from the groups' count; below
        /// <see cref="ReadsAloneBeforeAsking"/> such users nothing is asked). <see cref="ReadAsync"/> then takes those
        /// users' groups from it. Changes nothing where the responses show groups or the group side cannot tell.</summary>
        public async Task PrepareForAsync(IReadOnlyCollection<ScimUser> users, CancellationToken cancellationToken)
        {
            if (Capabilities[ScimCapability.UserGroups] == ScimSupport.Unknown
                && users.Any(u => u.Groups == null || u.Groups.Count == 0))
            {
                // As the first of the reads one by one would, so that it is known which users they would read alone.
                await SharedRead.WaitAsync(_probe.Value, cancellationToken).NoContext();
            }
            var alone = users.Count(WouldBeReadAlone);
            if (alone < ReadsAloneBeforeAsking || Capabilities[ScimCapability.GroupMembers] == ScimSupport.Unsupported
                || !await GroupSideIsCheaperAsync(alone, cancellationToken).NoContext())
            {
                return;
            }
            await ReadGroupSideAsync(cancellationToken).NoContext();
        }

        /// <summary>True where <see cref="FromUserAttributeAsync"/> would read the user by id: the server's "groups" is
        /// true, but the response the user came in did not show them.</summary>
        private bool WouldBeReadAlone(ScimUser user) =>
            Capabilities[ScimCapability.UserGroups] == ScimSupport.Supported && user.ReadAs != ScimReadKind.Single
            && ResourceId.IsValid(user.Id) && ScimUserGroups.Shown(user, Capabilities) == null;

        /// <summary>True when one listing of the groups (its pages, and the look past the last) takes fewer requests than
        /// <paramref name="reads"/>. Where the probe's group came without "members", the listing is taken to leave them out
        /// and each group to be read alone after it (see ReadIndexAsync), so those reads count too.</summary>
        private async Task<bool> GroupSideIsCheaperAsync(int reads, CancellationToken cancellationToken)
        {
            var probe = new ScimListQuery { MaxItems = 1, PageSize = 1, Concurrency = 1 };
            await foreach (var page in _client.GroupMembers.ListAsync(probe, cancellationToken).NoContext())
            {
                if (page.TotalResults.HasValue)
                {
                    var pages = (page.TotalResults.Value + _client.Options.PageSize - 1) / _client.Options.PageSize;
                    var readAlone = page.Resources.Any(g => g.MemberIds == null) ? page.TotalResults.Value : 0;
                    return pages + 1 + readAlone < reads;
                }
                break;
            }
            return false;
        }

        /// <summary>Whether the group side has been read, and shows members: then it answers for a user whose response
        /// left out its groups, instead of a read of that user alone.</summary>
        private bool GroupSideRead => _index.IsValueCreated && _index.Value.Status == TaskStatus.RanToCompletion
            && _index.Value.Result != null;

        /// <summary>The groups of <paramref name="user"/> as just read from the server (a fresh GET, lookup or listing).</summary>
        public async Task<ScimUserMemberships> ReadAsync(ScimUser user, CancellationToken cancellationToken)
        {
            var fromUser = await FromUserAttributeAsync(user, cancellationToken).NoContext();
            if (fromUser != null)
            {
                return fromUser;
            }
            var index = await ReadGroupSideAsync(cancellationToken).NoContext();
            if (index != null)
            {
                return ScimUserMemberships.Known(index.GroupsOf(user.Id ?? string.Empty), ScimMembershipSource.Groups);
            }
            if (!ResourceId.IsValid(user.Id))
            {
                return ScimUserMemberships.Unreadable();
            }
            var filtered = await _filters.GroupsByMemberAsync(user.Id, cancellationToken).NoContext();
            if (filtered != null)
            {
                return ScimUserMemberships.Known(filtered, ScimMembershipSource.GroupFilter);
            }
            // Mode's REST API before the id-and-member form: one request a user against one per user and group.
            var fromApi = _modeApi == null ? null : await _modeApi.GroupsOfAsync(user, cancellationToken).NoContext();
            if (fromApi != null && fromApi.IsKnown)
            {
                return fromApi;
            }
            filtered = await _filters.GroupsByGroupAsync(user.Id, cancellationToken).NoContext();
            return filtered != null ? ScimUserMemberships.Known(filtered, ScimMembershipSource.GroupFilter)
                : fromApi ?? ScimUserMemberships.Unreadable();
        }

        /// <summary>The user's own "groups", where it can be trusted for the kind of response the user came in; null when
        /// it cannot. A kind not yet seen to carry the attribute is checked by reading the user by id.</summary>
        private async Task<ScimUserMemberships?> FromUserAttributeAsync(ScimUser user, CancellationToken cancellationToken)
        {
            var kind = ScimUserGroups.PresenceCapability(user.ReadAs);
            if (Capabilities[ScimCapability.UserGroups] == ScimSupport.Unknown && (user.Groups == null || user.Groups.Count == 0))
            {
                await SharedRead.WaitAsync(_probe.Value, cancellationToken).NoContext();
            }
            if (user.Groups != null && user.Groups.Count > 0 && Capabilities.MayUse(ScimCapability.UserGroups))
            {
                ScimUserGroups.LearnCarried(user.ReadAs, Capabilities);
            }
            var shown = ScimUserGroups.Shown(user, Capabilities);
            if (shown != null)
            {
                return ScimUserMemberships.Known(shown, ScimMembershipSource.UserAttribute);
            }
            if (Capabilities[ScimCapability.UserGroups] != ScimSupport.Supported || user.ReadAs == ScimReadKind.Single
                || GroupSideRead)
            {
                // Where the group side was read for many users at once (PrepareForAsync), it answers for this one too.
                return null;
            }
            // True groups, but left out of the response the user came in: read the user alone.
            var fresh = ResourceId.IsValid(user.Id)
                ? await _client.Users.FindAsync(user.Id, cancellationToken).NoContext()
                : null;
            if (fresh == null)
            {
                return null;
            }
            if (kind != null && fresh.Groups != null && fresh.Groups.Count > 0)
            {
                // The user's groups were left out of the response it came in (or shown empty): that kind hides them.
                Capabilities.Learn(kind.Value, false);
            }
            return ScimUserMemberships.Known(fresh.Groups ?? new List<ScimMultiValue>(), ScimMembershipSource.UserAttribute);
        }

        /// <summary>Learns, with a few requests, whether Users carry true "groups": one page of groups, then the first
        /// member found is read by id and its "groups" compared with the group.</summary>
        private async Task ProbeAsync(CancellationToken cancellationToken)
        {
            var probe = new Probe();
            // The first group alone, then the next 19 in one page: a page of 20 groups of a 100,000-user workspace is
            // some 200,000 member entries in one body (it raised the peak of a plain Get-ModeUser | Export-Csv by some
            // 45 MB), where the first group mostly shows the one member the probe reads. Each read lean, as the group
            // side is.
            foreach (var query in new[]
            {
                new ScimListQuery { PageSize = 1, MaxItems = 1, Concurrency = 1 },
                new ScimListQuery { StartIndex = 2, PageSize = ProbePageSize - 1, MaxItems = ProbePageSize - 1, Concurrency = 1 },
            })
            {
                await foreach (var page in _client.GroupMembers.ListAsync(query, cancellationToken).NoContext())
                {
                    if (await ProbeGroupsAsync(page.Resources, probe, cancellationToken).NoContext())
                    {
                        return;
                    }
                }
                if (probe.GroupsSeen < query.StartIndex + query.MaxItems!.Value - 1)
                {
                    // The workspace has no more groups than these.
                    break;
                }
            }
            // No member found in the first 20 groups: whether "groups" is true stays unknown, and the group side is
            // read instead. A listing without members proves nothing yet: one group may still show them.
            if (probe.MembersShown)
            {
                Capabilities.Learn(ScimCapability.GroupMembers, true);
            }
        }

        /// <summary>True once the probe has decided (a member read, or enough tried).</summary>
        private async Task<bool> ProbeGroupsAsync(IEnumerable<ScimGroupMembers> groups, Probe probe, CancellationToken cancellationToken)
        {
            foreach (var group in groups)
            {
                probe.GroupsSeen++;
                probe.MembersShown |= group.MemberIds != null;
                foreach (var memberId in (group.MemberIds ?? new List<string?>()).Where(ResourceId.IsValid)
                    .Take(ProbeUsersAtMost - probe.UsersRead))
                {
                    probe.UsersRead++;
                    var user = await _client.Users.FindAsync(memberId!, cancellationToken).NoContext();
                    if (user == null)
                    {
                        continue;
                    }
                    Capabilities.Learn(ScimCapability.GroupMembers, true);
                    Capabilities.Learn(ScimCapability.UserGroups, user.Groups != null && user.Groups.Any(g => g.Value == group.Id));
                    return true;
                }
                if (probe.UsersRead >= ProbeUsersAtMost)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>What the probe has seen so far.</summary>
        private sealed class Probe
        {
            public int GroupsSeen { get; set; }

            public int UsersRead { get; set; }

            public bool MembersShown { get; set; }
        }

        /// <summary>Every user's groups for a report over the whole workspace: the group side where groups show their
        /// members, else Mode's REST API (a request per group), else a filter on members (a request per user); null when
        /// none can tell.</summary>
        public async Task<(ScimMembershipIndex? Index, ScimMembershipSource Source)> ReadWorkspaceIndexAsync(
            CancellationToken cancellationToken)
        {
            var index = await ReadGroupSideAsync(cancellationToken).NoContext();
            if (index != null)
            {
                return (index, ScimMembershipSource.Groups);
            }
            index = _modeApi == null ? null : await _modeApi.IndexAsync(cancellationToken).NoContext();
            if (index != null)
            {
                return (index, ScimMembershipSource.ModeApi);
            }
            index = await _filters.IndexAsync(cancellationToken).NoContext();
            return (index, index == null ? ScimMembershipSource.None : ScimMembershipSource.GroupFilter);
        }

        /// <summary>Every user's groups as the group side shows them, read once per reader; null when the server
        /// returns groups without their members. Throws InvalidResponse when the group listing came up short.</summary>
        public Task<ScimMembershipIndex?> ReadGroupSideAsync(CancellationToken cancellationToken)
        {
            return SharedRead.WaitAsync(_index.Value, cancellationToken);
        }

        private async Task<ScimMembershipIndex?> ReadIndexAsync(CancellationToken cancellationToken)
        {
            if (Capabilities[ScimCapability.GroupMembers] == ScimSupport.Unsupported)
            {
                return null;
            }
            var groups = new List<ScimGroupMembers>();
            var query = new ScimListQuery { LookPastTotal = true };
            await foreach (var page in _client.GroupMembers.ListAsync(query, cancellationToken).NoContext())
            {
                groups.AddRange(page.Resources);
            }
            // A group missing from the read could make a record say "no groups" for its members.
            ScimWorkspaceCatalog.ThrowIfShort(query, "Groups", "groups");
            // A group listed without "members" is read alone: a server may leave members out of listings (of big
            // groups, say) and still return them for one group. Until one group has shown its members, one read
            // decides whether the server shows them at all.
            var unlisted = groups.Where(g => g.MemberIds == null && g.Id != null).ToList();
            if (unlisted.Count > 0 && !groups.Any(g => g.MemberIds != null))
            {
                var first = await _client.GroupMembers.FindAsync(unlisted[0].Id!, cancellationToken).NoContext();
                if (first?.MemberIds == null)
                {
                    if (first != null)
                    {
                        Capabilities.Learn(ScimCapability.GroupMembers, false);
                    }
                    return null;
                }
                unlisted[0].MemberIds = first.MemberIds;
                unlisted.RemoveAt(0);
            }
            var reads = await Task.WhenAll(unlisted.Select(g => _client.GroupMembers.FindAsync(g.Id!, cancellationToken)))
                .NoContext();
            // A group read alone still without "members" (or gone meanwhile) makes its members unknown, and so everyone's
            // place in it: a server may leave out a long list as well as an empty one.
            if (reads.Any(read => read?.MemberIds == null))
            {
                return null;
            }
            for (var i = 0; i < unlisted.Count; i++)
            {
                unlisted[i].MemberIds = reads[i]!.MemberIds;
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
    }

    /// <summary>A group's members, or the fact that they could not be read (and why, where a source could say).</summary>
    public sealed class ScimGroupMemberList
    {
        private ScimGroupMemberList(bool isKnown, IReadOnlyList<ScimMultiValue> members, ScimMembershipSource source, string? problem)
        {
            IsKnown = isKnown;
            Members = members;
            Source = source;
            Problem = problem;
        }

        public bool IsKnown { get; }

        /// <summary>Empty when unknown: check <see cref="IsKnown"/> first.</summary>
        public IReadOnlyList<ScimMultiValue> Members { get; }

        public ScimMembershipSource Source { get; }

        public string? Problem { get; }

        public static ScimGroupMemberList Known(IReadOnlyList<ScimMultiValue> members, ScimMembershipSource source) =>
            new ScimGroupMemberList(true, members, source, null);

        public static ScimGroupMemberList Unreadable(string? problem) =>
            new ScimGroupMemberList(false, new List<ScimMultiValue>(), ScimMembershipSource.None, problem);
    }
}
