using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.ModeApi;
using ModeScim.Client.Models;

namespace ModeScim.Client.Memberships
{
    /// <summary>Memberships from Mode's REST API, for servers whose SCIM side cannot tell them: its groups (with the
    /// <c>member=</c> filter) and each group's memberships, matched to SCIM's groups by name and to SCIM's users by email.
    /// A name that more than one group carries cannot be matched and is said so; a REST group that SCIM does not have
    /// (made in Mode) is a note, since SCIM cannot put anyone back in it.</summary>
    internal sealed class ModeApiMembershipSource
    {
        /// <summary>How many groups' memberships are read, at most, to find a member to check <c>member=</c> with.</summary>
        private const int GroupsAskedForProof = 10;

        private readonly ModeApiClient _api;
        private readonly ScimWorkspaceCatalog _catalog;
        private readonly ModeAccountsRead _accounts;
        private readonly Lazy<Task<IReadOnlyList<ModeApiGroup>>> _groups;
        private readonly Lazy<Task<bool>> _memberFilterHonoured;
        private readonly Lazy<Task<Dictionary<string, List<ModeApiGroup>>>> _groupsByMember;
        private readonly Lazy<Task<Dictionary<string, ScimUser>>> _scimUserByUsername;

        public ModeApiMembershipSource(ModeAccountsRead accounts, ScimWorkspaceCatalog catalog)
        {
            _api = accounts.Api;
            _catalog = catalog;
            _accounts = accounts;
            _groups = new Lazy<Task<IReadOnlyList<ModeApiGroup>>>(() => _api.ListGroupsAsync(null, CancellationToken.None));
            _memberFilterHonoured = new Lazy<Task<bool>>(() => CheckMemberFilterAsync(CancellationToken.None));
            _groupsByMember = new Lazy<Task<Dictionary<string, List<ModeApiGroup>>>>(() => ReadAllMembershipsAsync(CancellationToken.None));
            _scimUserByUsername = new Lazy<Task<Dictionary<string, ScimUser>>>(() => MatchUsersAsync(CancellationToken.None));
        }

        public async Task<ScimUserMemberships> GroupsOfAsync(ScimUser user, CancellationToken cancellationToken)
        {
            var accounts = await _accounts.ReadAsync(cancellationToken).NoContext();
            var emails = new HashSet<string>(EmailsOf(user), StringComparer.OrdinalIgnoreCase);
            var matches = accounts.Where(a => a.Email != null && emails.Contains(a.Email) && a.Username.Length > 0).ToList();
            if (matches.Count != 1)
            {
                return ScimUserMemberships.Unreadable(matches.Count == 0
                    ? "Mode's REST API lists no member with the email '" + user.UserName + "'"
                    : "Mode's REST API lists " + matches.Count + " members with the email '" + user.UserName + "'");
            }
            var restGroups = await RestGroupsOfAsync(matches[0].Username, cancellationToken).NoContext();
            var scimGroups = await _catalog.GroupsAsync(cancellationToken).NoContext();
            var groups = new List<ScimMultiValue>();
            var notes = new List<string>();
            var allRest = await SharedRead.WaitAsync(_groups.Value, cancellationToken).NoContext();
            foreach (var restGroup in restGroups)
            {
                var name = restGroup.Name ?? string.Empty;
                var (match, carriers) = MatchByName(name, scimGroups, allRest);
                if (carriers > 1)
                {
                    return ScimUserMemberships.Unreadable("the group name '" + name + "' is carried by " + carriers
                        + " groups, so which of them holds " + user.UserName + " cannot be told from Mode's REST API");
                }
                if (match == null)
                {
                    notes.Add("Mode's REST API shows " + user.UserName + " in group '" + name + "', which SCIM does not list"
                        + " (made in Mode): that membership cannot be restored through SCIM.");
                    continue;
                }
                groups.Add(new ScimMultiValue { Value = match.Id, Display = match.DisplayName });
            }
            return ScimUserMemberships.Known(groups, ScimMembershipSource.ModeApi, notes);
        }

        /// <summary>The SCIM users in the group with this name, or a reason they cannot be told.</summary>
        public async Task<(IReadOnlyList<ScimMultiValue>? Members, string? Problem)> MembersOfAsync(ScimGroup group,
            CancellationToken cancellationToken)
        {
            var name = group.DisplayName ?? string.Empty;
            var scimNamed = (await _catalog.GroupsAsync(cancellationToken).NoContext())
                .Count(g => string.Equals(g.DisplayName, name, StringComparison.Ordinal));
            var restNamed = (await SharedRead.WaitAsync(_groups.Value, cancellationToken).NoContext())
                .Where(g => string.Equals(g.Name, name, StringComparison.Ordinal) && g.Token != null).ToList();
            if (restNamed.Count != 1 || scimNamed > 1)
            {
                return (null, restNamed.Count == 0 ? "Mode's REST API has no group named '" + name + "'"
                    : "the group name '" + name + "' is carried by " + Math.Max(restNamed.Count, scimNamed)
                        + " groups, so its members cannot be told from Mode's REST API");
            }
            var rows = await _api.ListGroupMembersAsync(restNamed[0].Token!, cancellationToken).NoContext();
            var userByUsername = await SharedRead.WaitAsync(_scimUserByUsername.Value, cancellationToken).NoContext();
            var members = new List<ScimMultiValue>();
            foreach (var row in rows)
            {
                // A member SCIM does not list (an account made by SAML just in time) cannot be changed through SCIM.
                if (row.MemberUsername != null && userByUsername.TryGetValue(row.MemberUsername, out var user))
                {
                    members.Add(new ScimMultiValue { Value = user.Id, Display = user.UserName });
                }
            }
            return (members, null);
        }

        /// <summary>Every SCIM user's groups as the REST API shows them (each group's memberships read once); null when a
        /// group name is carried by more than one group, so the groups cannot all be matched.</summary>
        public async Task<ScimMembershipIndex?> IndexAsync(CancellationToken cancellationToken)
        {
            var restGroups = await SharedRead.WaitAsync(_groups.Value, cancellationToken).NoContext();
            var scimGroups = await _catalog.GroupsAsync(cancellationToken).NoContext();
            var byMember = await SharedRead.WaitAsync(_groupsByMember.Value, cancellationToken).NoContext();
            var userByUsername = await SharedRead.WaitAsync(_scimUserByUsername.Value, cancellationToken).NoContext();
            var scimByName = new Dictionary<string, ScimGroupMembers>(StringComparer.Ordinal);
            foreach (var group in scimGroups.Where(g => g.DisplayName != null && ResourceId.IsValid(g.Id)))
            {
                if (MatchByName(group.DisplayName!, scimGroups, restGroups).Carriers > 1)
                {
                    return null;
                }
                scimByName[group.DisplayName!] = group;
            }
            var membersByGroup = new Dictionary<string, List<string?>>(StringComparer.Ordinal);
            foreach (var pair in byMember)
            {
                if (!userByUsername.TryGetValue(pair.Key, out var user))
                {
                    continue;
                }
                foreach (var restGroup in pair.Value.Where(g => g.Name != null && scimByName.ContainsKey(g.Name)))
                {
                    var id = scimByName[restGroup.Name!].Id!;
                    if (!membersByGroup.TryGetValue(id, out var members))
                    {
                        members = new List<string?>();
                        membersByGroup[id] = members;
                    }
                    members.Add(user.Id);
                }
            }
            var index = new ScimMembershipIndex();
            foreach (var group in scimByName.Values)
            {
                index.Add(group.Id, group.DisplayName,
                    membersByGroup.TryGetValue(group.Id!, out var members) ? members : new List<string?>());
            }
            return index;
        }

        /// <summary>The SCIM group a name means, and how many groups on either side carry it (more than one: no match
        /// can be trusted).</summary>
        private static (ScimGroupMembers? Match, int Carriers) MatchByName(string name, IReadOnlyList<ScimGroupMembers> scimGroups,
            IReadOnlyList<ModeApiGroup> restGroups)
        {
            var named = scimGroups.Where(g => string.Equals(g.DisplayName, name, StringComparison.Ordinal)).ToList();
            var restNamed = restGroups.Count(g => string.Equals(g.Name, name, StringComparison.Ordinal));
            return (named.Count == 1 ? named[0] : null, Math.Max(named.Count, restNamed));
        }

        /// <summary>Each REST member's SCIM user, matched by email: the REST API names members by username, SCIM by
        /// userName, which is the email.</summary>
        private async Task<Dictionary<string, ScimUser>> MatchUsersAsync(CancellationToken cancellationToken)
        {
            var accounts = await _accounts.ReadAsync(cancellationToken).NoContext();
            var users = await _catalog.UsersAsync(cancellationToken).NoContext();
            var userByEmail = new Dictionary<string, ScimUser>(StringComparer.OrdinalIgnoreCase);
            foreach (var user in users.Where(u => u.UserName != null && ResourceId.IsValid(u.Id)))
            {
                userByEmail[user.UserName!] = user;
            }
            var userByUsername = new Dictionary<string, ScimUser>(StringComparer.OrdinalIgnoreCase);
            foreach (var account in accounts.Where(a => a.Email != null && a.Username.Length > 0))
            {
                if (userByEmail.TryGetValue(account.Email!, out var user))
                {
                    userByUsername[account.Username] = user;
                }
            }
            return userByUsername;
        }

        private async Task<IReadOnlyList<ModeApiGroup>> RestGroupsOfAsync(string username, CancellationToken cancellationToken)
        {
            if (await SharedRead.WaitAsync(_memberFilterHonoured.Value, cancellationToken).NoContext())
            {
                return await _api.ListGroupsAsync(username, cancellationToken).NoContext();
            }
            var byMember = await SharedRead.WaitAsync(_groupsByMember.Value, cancellationToken).NoContext();
            return byMember.TryGetValue(username, out var groups) ? groups : new List<ModeApiGroup>();
        }

        /// <summary>Whether <c>member=</c> can be believed: it answers no group for a username nobody has (an API that
        /// ignores it would answer every group), and it names the group of a member read from a group's own memberships
        /// (an API that wants another kind of name would answer none). Otherwise each group's memberships are read.</summary>
        private async Task<bool> CheckMemberFilterAsync(CancellationToken cancellationToken)
        {
            var nobody = "modescim-no-one-" + Guid.NewGuid().ToString("N");
            if ((await _api.ListGroupsAsync(nobody, cancellationToken).NoContext()).Count > 0)
            {
                return false;
            }
            var groups = await SharedRead.WaitAsync(_groups.Value, cancellationToken).NoContext();
            foreach (var group in groups.Where(g => g.Token != null).Take(GroupsAskedForProof))
            {
                var member = (await _api.ListGroupMembersAsync(group.Token!, cancellationToken).NoContext())
                    .FirstOrDefault(m => !string.IsNullOrEmpty(m.MemberUsername));
                if (member != null)
                {
                    var named = await _api.ListGroupsAsync(member.MemberUsername, cancellationToken).NoContext();
                    return named.Any(g => g.Token == group.Token);
                }
            }
            return false;
        }

        private async Task<Dictionary<string, List<ModeApiGroup>>> ReadAllMembershipsAsync(CancellationToken cancellationToken)
        {
            var groups = (await SharedRead.WaitAsync(_groups.Value, cancellationToken).NoContext())
                .Where(g => g.Token != null).ToList();
            var rows = await Task.WhenAll(groups.Select(g => _api.ListGroupMembersAsync(g.Token!, cancellationToken)))
                .NoContext();
            var byMember = new Dictionary<string, List<ModeApiGroup>>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < groups.Count; i++)
            {
                foreach (var username in rows[i].Select(r => r.MemberUsername).Where(u => u != null))
                {
                    if (!byMember.TryGetValue(username!, out var held))
                    {
                        held = new List<ModeApiGroup>();
                        byMember[username!] = held;
                    }
                    held.Add(groups[i]);
                }
            }
            return byMember;
        }

        private static IEnumerable<string> EmailsOf(ScimUser user)
        {
            if (!string.IsNullOrEmpty(user.UserName))
            {
                yield return user.UserName!;
            }
            foreach (var email in user.Emails ?? new List<ScimMultiValue>())
            {
                if (!string.IsNullOrEmpty(email.Value))
                {
                    yield return email.Value!;
                }
            }
        }
    }
}
