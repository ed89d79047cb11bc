using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Models;

namespace ModeScim.Client.Memberships
{
    /// <summary>The workspace's groups (ids and names, without members) and users (ids and userNames), each listed once
    /// per reader when a membership source needs them. A listing that ends short of the server's own count is an
    /// error: a group or user missing from it could make a record say "no groups".</summary>
    internal sealed class ScimWorkspaceCatalog
    {
        private readonly ScimClient _client;
        private readonly Lazy<Task<IReadOnlyList<ScimGroupMembers>>> _groups;
        private readonly Lazy<Task<IReadOnlyList<ScimUser>>> _users;

        public ScimWorkspaceCatalog(ScimClient client)
        {
            _client = client;
            _groups = new Lazy<Task<IReadOnlyList<ScimGroupMembers>>>(() => ListGroupsAsync(CancellationToken.None));
            _users = new Lazy<Task<IReadOnlyList<ScimUser>>>(() => ListUsersAsync(CancellationToken.None));
        }

        public Task<IReadOnlyList<ScimGroupMembers>> GroupsAsync(CancellationToken cancellationToken) =>
            SharedRead.WaitAsync(_groups.Value, cancellationToken);

        public Task<IReadOnlyList<ScimUser>> UsersAsync(CancellationToken cancellationToken) =>
            SharedRead.WaitAsync(_users.Value, cancellationToken);

        /// <summary>The first users of the workspace (ids and userNames), read with one small request.</summary>
        public Task<IReadOnlyList<ScimUser>> FirstUsersAsync(int count, CancellationToken cancellationToken) =>
            ReadUsersAsync(new ScimListQuery { PageSize = count, MaxItems = count, Concurrency = 1 }, cancellationToken);

        private async Task<IReadOnlyList<ScimGroupMembers>> ListGroupsAsync(CancellationToken cancellationToken)
        {
            var query = new ScimListQuery { LookPastTotal = true };
            query.ExcludedAttributes.Add("members");
            var groups = new List<ScimGroupMembers>();
            await foreach (var page in _client.GroupMembers.ListAsync(query, cancellationToken).NoContext())
            {
                groups.AddRange(page.Resources);
            }
            ThrowIfShort(query, "Groups", "groups");
            return groups;
        }

        private async Task<IReadOnlyList<ScimUser>> ListUsersAsync(CancellationToken cancellationToken)
        {
            var query = new ScimListQuery { LookPastTotal = true };
            var users = await ReadUsersAsync(query, cancellationToken).NoContext();
            ThrowIfShort(query, "Users", "users");
            return users;
        }

        /// <summary>The users the query lists, with only their ids and userNames asked for.</summary>
        private async Task<IReadOnlyList<ScimUser>> ReadUsersAsync(ScimListQuery query, CancellationToken cancellationToken)
        {
            query.Attributes.Add("id");
            query.Attributes.Add("userName");
            var users = new List<ScimUser>();
            await foreach (var page in _client.Users.ListAsync(query, cancellationToken).NoContext())
            {
                users.AddRange(page.Resources);
            }
            return users;
        }

        internal static void ThrowIfShort(ScimListQuery query, string path, string what)
        {
            if (query.Outcome.EndedShort)
            {
                throw new ScimException(ScimErrorKind.InvalidResponse, "GET", path, null, null,
                    "the " + what + " listing ended after " + query.Outcome.Delivered + " of the " + query.Outcome.ReportedTotal
                    + " " + what + " the server reported, so memberships read from it cannot be trusted");
            }
        }
    }
}
