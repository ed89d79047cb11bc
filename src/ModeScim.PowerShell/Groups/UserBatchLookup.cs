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
            foreach (var (filter, values) in FilterChunker.Chunk("userName", wanted, _maxPerRequest))
            {
                foreach (var user in await ListAsync(filter, values.Count, cancellationToken).ConfigureAwait(false))
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
            foreach (var (filter, values) in FilterChunker.Chunk("id", wanted, _maxPerRequest))
            {
                try
                {
                    foreach (var user in await ListAsync(filter, values.Count, cancellationToken).ConfigureAwait(false))
                    {
                        if (user.Id != null && wanted.Contains(user.Id))
                        {
                            found[user.Id] = user;
                        }
                    }
                }
                catch (ScimException ex) when (ex.Kind == ScimErrorKind.BadRequest)
                {
                    foreach (var id in values)
                    {
                        var user = await _client.Users.FindAsync(id, cancellationToken).ConfigureAwait(false);
                        if (user != null)
                        {
                            found[id] = user;
                        }
                    }
                }
            }
            return found;
        }

        private async Task<List<ScimUser>> ListAsync(Client.Filtering.ScimFilter filter, int expected, CancellationToken cancellationToken)
        {
            var users = new List<ScimUser>();
            var query = new ScimListQuery { Filter = filter, PageSize = expected };
            await foreach (var page in _client.Users.ListAsync(query, cancellationToken).ConfigureAwait(false))
            {
                users.AddRange(page.Resources);
            }
            return users;
        }
    }
}
