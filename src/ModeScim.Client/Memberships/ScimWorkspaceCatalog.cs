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
        public async Task<IReadOnlyList<ScimUser>> FirstUsersAsync(int count, CancellationToken cancellationToken)
        {
            var query = new ScimListQuery { PageSize = count, MaxItems = count, Concurrency = 1 };
            query.Attributes.Add("id");
            query.Attributes.Add("userName");
            var users = new List<ScimUser>();
            await foreach (var page in _client.Users.ListAsync(query, cancellationToken).NoContext())
            {
                users.AddRange(page.Resources);
            }
            return users;
        }

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
            query.Attributes.Add("id");
            query.Attributes.Add("userName");
            var users = new List<ScimUser>();
            await foreach (var page in _client.Users.ListAsync(query, cancellationToken).NoContext())
            {
                users.AddRange(page.Resources);
            }
            ThrowIfShort(query, "Users", "users");
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

    internal static class SharedRead
    {
        public static Task WaitAsync(Task task, CancellationToken cancellationToken) =>
            WaitAsync(task.ContinueWith(t =>
            {
                t.GetAwaiter().GetResult();
                return true;
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default), cancellationToken);

        // A shared read is not cancelled by one caller: another may still be waiting for it.
        public static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
        {
            var cancelled = new TaskCompletionSource<bool>();
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).NoContext() != task)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
            return await task.NoContext();
        }
    }
}
