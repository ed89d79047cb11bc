using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Filtering;
using ModeScim.Client.Models;

namespace ModeScim.Client.Memberships
{
    /// <summary>Asks /Groups which groups hold a user, for servers whose users and groups both hide memberships (as
    /// Entra's guide allows) but that answer a filter on members, as the same guide asks: <c>members[value eq "u"]</c>
    /// (one request per user) or <c>id eq "g" and members[value eq "u"]</c> (one per group). A form is believed only
    /// once it has shown both halves of the truth: it answers nothing for an id nobody has (a server that ignores the
    /// filter would answer every group), and it has named a group for someone (a server that takes the filter but does
    /// not know the attribute answers nothing for everyone, which would read as "in no group").</summary>
    internal sealed class GroupMemberFilterSource
    {
        /// <summary>How many of the workspace's users are asked about, at most, to find one in a group.</summary>
        private const int UsersAskedForProof = 20;

        private readonly ScimClient _client;
        private readonly ScimWorkspaceCatalog _catalog;
        private readonly Lazy<Task<bool>> _membersForm;
        private readonly Lazy<Task<bool>> _idAndMembersForm;
        private readonly Lazy<Task<ScimMembershipIndex?>> _index;

        public GroupMemberFilterSource(ScimClient client, ScimWorkspaceCatalog catalog)
        {
            _client = client;
            _catalog = catalog;
            _membersForm = new Lazy<Task<bool>>(() => CheckMembersFormAsync(CancellationToken.None));
            _idAndMembersForm = new Lazy<Task<bool>>(() => CheckIdAndMembersFormAsync(CancellationToken.None));
            _index = new Lazy<Task<ScimMembershipIndex?>>(() => ReadIndexAsync(CancellationToken.None));
        }

        private ScimServerCapabilities Capabilities => _client.Capabilities;

        /// <summary>The groups holding the user by <c>members[value eq "u"]</c>, or null when the server does not answer
        /// that form truthfully.</summary>
        public async Task<IReadOnlyList<ScimMultiValue>?> GroupsByMemberAsync(string userId, CancellationToken cancellationToken)
        {
            if (!await UsableAsync(ScimCapability.ValuePathFilter, _membersForm, cancellationToken).NoContext())
            {
                return null;
            }
            return await GroupsHoldingAsync(userId, cancellationToken).NoContext();
        }

        /// <summary>The groups holding the user, asked group by group with <c>id eq "g" and members[value eq "u"]</c>; null
        /// when the server does not answer that form truthfully.</summary>
        public async Task<IReadOnlyList<ScimMultiValue>?> GroupsByGroupAsync(string userId, CancellationToken cancellationToken)
        {
            if (!await UsableAsync(ScimCapability.GroupIdMemberFilter, _idAndMembersForm, cancellationToken).NoContext())
            {
                return null;
            }
            var groups = await _catalog.GroupsAsync(cancellationToken).NoContext();
            var held = await Task.WhenAll(groups.Where(g => ResourceId.IsValid(g.Id)).Select(g => HoldsAsync(g, userId, cancellationToken)))
                .NoContext();
            return held.Where(g => g != null).Select(g => g!).ToList();
        }

        /// <summary>The members of a group, asked user by user; null when the server answers neither form truthfully.
        /// The <c>members[...]</c> form answers for every group at once, so it is read once and shared.</summary>
        public async Task<IReadOnlyList<ScimMultiValue>?> MembersByMemberAsync(string groupId, CancellationToken cancellationToken)
        {
            var index = await IndexAsync(cancellationToken).NoContext();
            if (index == null)
            {
                return null;
            }
            var users = await _catalog.UsersAsync(cancellationToken).NoContext();
            return users.Where(u => u.Id != null && index.GroupsOf(u.Id).Any(g => g.Value == groupId))
                .Select(u => new ScimMultiValue { Value = u.Id, Display = u.UserName }).ToList();
        }

        /// <summary>The members of one group, asking each user of the workspace about it; null when the server does not
        /// answer <c>id eq "g" and members[value eq "u"]</c> truthfully.</summary>
        public async Task<IReadOnlyList<ScimMultiValue>?> MembersByGroupAsync(string groupId, CancellationToken cancellationToken)
        {
            if (!await UsableAsync(ScimCapability.GroupIdMemberFilter, _idAndMembersForm, cancellationToken).NoContext())
            {
                return null;
            }
            var users = (await _catalog.UsersAsync(cancellationToken).NoContext()).Where(u => ResourceId.IsValid(u.Id)).ToList();
            var group = new ScimGroupMembers { Id = groupId };
            var held = await Task.WhenAll(users.Select(u => HoldsAsync(group, u.Id!, cancellationToken))).NoContext();
            return users.Where((u, i) => held[i] != null)
                .Select(u => new ScimMultiValue { Value = u.Id, Display = u.UserName }).ToList();
        }

        /// <summary>Every user's groups, asked user by user with <c>members[value eq "u"]</c>; null where the server does
        /// not answer that form truthfully (the id-and-member form would take a request per user and group).</summary>
        public async Task<ScimMembershipIndex?> IndexAsync(CancellationToken cancellationToken)
        {
            if (!await UsableAsync(ScimCapability.ValuePathFilter, _membersForm, cancellationToken).NoContext())
            {
                return null;
            }
            return await SharedRead.WaitAsync(_index.Value, cancellationToken).NoContext();
        }

        private async Task<bool> UsableAsync(ScimCapability form, Lazy<Task<bool>> check, CancellationToken cancellationToken)
        {
            switch (Capabilities[form])
            {
                case ScimSupport.Unsupported:
                    return false;
                case ScimSupport.Supported:
                    return true;
            }
            return await SharedRead.WaitAsync(check.Value, cancellationToken).NoContext();
        }

        private async Task<ScimMembershipIndex?> ReadIndexAsync(CancellationToken cancellationToken)
        {
            var users = (await _catalog.UsersAsync(cancellationToken).NoContext()).Where(u => ResourceId.IsValid(u.Id)).ToList();
            var groupsOfEach = await Task.WhenAll(users.Select(u => GroupsHoldingAsync(u.Id!, cancellationToken))).NoContext();
            var membersByGroup = new Dictionary<string, (string? Name, List<string?> Members)>(StringComparer.Ordinal);
            for (var i = 0; i < users.Count; i++)
            {
                foreach (var group in groupsOfEach[i])
                {
                    if (!membersByGroup.TryGetValue(group.Value!, out var entry))
                    {
                        entry = (group.Display, new List<string?>());
                        membersByGroup[group.Value!] = entry;
                    }
                    entry.Members.Add(users[i].Id);
                }
            }
            var index = new ScimMembershipIndex();
            foreach (var pair in membersByGroup)
            {
                index.Add(pair.Key, pair.Value.Name, pair.Value.Members);
            }
            return index;
        }

        /// <summary><c>members[value eq "u"]</c>: the groups holding the user. A group the server returns with its members
        /// (it ignored excludedAttributes) counts only if they include the user.</summary>
        private async Task<IReadOnlyList<ScimMultiValue>> GroupsHoldingAsync(string userId, CancellationToken cancellationToken)
        {
            var query = new ScimListQuery { Filter = MemberFilter(userId) };
            query.ExcludedAttributes.Add("members");
            var groups = new List<ScimMultiValue>();
            await foreach (var page in _client.GroupMembers.ListAsync(query, cancellationToken).NoContext())
            {
                groups.AddRange(page.Resources.Where(g => ResourceId.IsValid(g.Id) && (g.MemberIds == null || g.MemberIds.Contains(userId)))
                    .Select(g => new ScimMultiValue { Value = g.Id, Display = g.DisplayName }));
            }
            ScimWorkspaceCatalog.ThrowIfShort(query, "Groups", "groups");
            return groups;
        }

        /// <summary><c>id eq "g" and members[value eq "u"]</c>: the group when it holds the user, else null.</summary>
        private async Task<ScimMultiValue?> HoldsAsync(ScimGroupMembers group, string userId, CancellationToken cancellationToken)
        {
            var query = new ScimListQuery
            {
                Filter = ScimFilter.And(ScimFilter.Equal("id", group.Id!), MemberFilter(userId)),
                MaxItems = 1,
            };
            query.ExcludedAttributes.Add("members");
            await foreach (var page in _client.GroupMembers.ListAsync(query, cancellationToken).NoContext())
            {
                var found = page.Resources.FirstOrDefault(g => g.Id == group.Id && (g.MemberIds == null || g.MemberIds.Contains(userId)));
                if (found != null)
                {
                    return new ScimMultiValue { Value = found.Id, Display = found.DisplayName ?? group.DisplayName };
                }
            }
            return null;
        }

        private static ScimFilter MemberFilter(string userId) => ScimFilter.AnyElementEqual("members", "value", userId);

        private Task<bool> CheckMembersFormAsync(CancellationToken cancellationToken) =>
            CheckFormAsync(ScimCapability.ValuePathFilter,
                async token => (await GroupsHoldingAsync(NoOne(), token).NoContext()).Count == 0,
                async (user, token) => (await GroupsHoldingAsync(user, token).NoContext()).Count > 0, cancellationToken);

        private async Task<bool> CheckIdAndMembersFormAsync(CancellationToken cancellationToken)
        {
            var groups = (await _catalog.GroupsAsync(cancellationToken).NoContext()).Where(g => ResourceId.IsValid(g.Id)).ToList();
            if (groups.Count == 0)
            {
                // No groups: there is nothing to ask, and nobody is in a group.
                return true;
            }
            return await CheckFormAsync(ScimCapability.GroupIdMemberFilter,
                async token => await HoldsAsync(groups[0], NoOne(), token).NoContext() == null,
                async (user, token) => (await Task.WhenAll(groups.Select(g => HoldsAsync(g, user, token))).NoContext()).Any(g => g != null),
                cancellationToken).NoContext();
        }

        /// <summary>Asks for an id no one has (a refusal or any group in the answer means the form cannot be used), then
        /// for the first users of the workspace until one is named in a group. Where none of them is, the form cannot be
        /// told from one that answers nothing for everyone, and is not used.</summary>
        private async Task<bool> CheckFormAsync(ScimCapability form, Func<CancellationToken, Task<bool>> answersNothing,
            Func<string, CancellationToken, Task<bool>> namesAGroupOf, CancellationToken cancellationToken)
        {
            bool usable;
            try
            {
                usable = await answersNothing(cancellationToken).NoContext()
                    && await NamesSomeoneAsync(namesAGroupOf, cancellationToken).NoContext();
            }
            catch (ScimException ex) when (ex.IsUnsupportedForm)
            {
                usable = false;
            }
            Capabilities.Learn(form, usable);
            return usable;
        }

        private async Task<bool> NamesSomeoneAsync(Func<string, CancellationToken, Task<bool>> namesAGroupOf,
            CancellationToken cancellationToken)
        {
            var users = await _catalog.FirstUsersAsync(UsersAskedForProof, cancellationToken).NoContext();
            foreach (var user in users.Where(u => ResourceId.IsValid(u.Id)))
            {
                if (await namesAGroupOf(user.Id!, cancellationToken).NoContext())
                {
                    return true;
                }
            }
            return false;
        }

        private static string NoOne() => Guid.NewGuid().ToString();
    }
}
