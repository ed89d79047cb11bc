using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Models;

namespace ModeScim.PowerShell.Groups
{
    /// <summary>Finds many users in few requests: one filter of or-ed equalities per chunk, instead of one
    /// request per user.</summary>
    internal sealed class UserBatchLookup
    {
        private readonly ScimClient _client;
        private readonly int _maxPerRequest;

        public UserBatchLookup(ScimClient client, int? serverMaxResults)
        {
            _client = client;
            _maxPerRequest = Math.Max(1, Math.Min(100, serverMaxResults ?? 100));
        }

        /// <summary>The users with these userNames, keyed case-insensitively.</summary>
        public async Task<Dictionary<string, ScimUser>> ByUserNameAsync(IEnumerable<string> userNames, CancellationToken cancellationToken)
        {
            var found = new Dictionary<string, ScimUser>(StringComparer.OrdinalIgnoreCase);
            var wanted = new HashSet<string>(userNames, StringComparer.OrdinalIgnoreCase);
            // The chunks go out together; the client's request limit keeps them bounded.
            var chunks = FilterChunker.Chunk("userName", wanted, _maxPerRequest).Select(c => ListAsync(c.Filter, c.Values.Count, cancellationToken)).ToList();
            foreach (var chunk in await Task.WhenAll(chunks).ConfigureAwait(false))
            {
                foreach (var user in chunk)
                {
                    // Keep only exact matches: a server that ignores the filter must not hand back others.
                    if (user.UserName != null && wanted.Contains(user.UserName))
                    {
                        found[user.UserName] = user;
                    }
                }
            }
            return found;
        }

        /// <summary>The users with these ids. A server that cannot filter on id is asked one id at a time.</summary>
        public async Task<Dictionary<string, ScimUser>> ByIdAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
        {
            var found = new Dictionary<string, ScimUser>(StringComparer.Ordinal);
            var wanted = new HashSet<string>(ids.Where(ResourceId.IsValid), StringComparer.Ordinal);
            var chunks = FilterChunker.Chunk("id", wanted, _maxPerRequest).Select(c => ByIdChunkAsync(c.Filter, c.Values, cancellationToken)).ToList();
            foreach (var chunk in await Task.WhenAll(chunks).ConfigureAwait(false))
            {
                foreach (var user in chunk.Where(u => u.Id != null && wanted.Contains(u.Id)))
                {
                    found[user.Id!] = user;
                }
            }
            return found;
        }

        private async Task<List<ScimUser>> ByIdChunkAsync(Client.Filtering.ScimFilter filter, List<string> ids, CancellationToken cancellationToken)
        {
            try
            {
                return await ListAsync(filter, ids.Count, cancellationToken).ConfigureAwait(false);
            }
            catch (ScimException ex) when (ex.Kind == ScimErrorKind.BadRequest)
            {
                var users = new List<ScimUser>();
                foreach (var id in ids)
                {
                    var user = await _client.Users.FindAsync(id, cancellationToken).ConfigureAwait(false);
                    if (user != null)
                    {
                        users.Add(user);
                    }
                }
                return users;
            }
        }

        private async Task<List<ScimUser>> ListAsync(Client.Filtering.ScimFilter filter, int expected, CancellationToken cancellationToken)
        {
            var users = new List<ScimUser>();
            var query = new ScimListQuery { Filter = filter, PageSize = expected, Concurrency = 1 };
            await foreach (var page in _client.Users.ListAsync(query, cancellationToken).ConfigureAwait(false))
            {
                users.AddRange(page.Resources);
            }
            return users;
        }
    }
}
