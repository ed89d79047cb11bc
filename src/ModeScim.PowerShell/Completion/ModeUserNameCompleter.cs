using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Filtering;
using ModeScim.Client.Lookups;

namespace ModeScim.PowerShell.Completion
{
    /// <summary>Completes userNames: the server is asked for at most 50 userNames starting with what was typed,
    /// since a workspace may have tens of thousands of users. A server that refuses "sw" (as one built only for
    /// the IdPs may) is read for its first few pages instead, and those are matched here.</summary>
    public sealed class ModeUserNameCompleter : ModeCompleter
    {
        private const int MaxUsers = 50;
        private const int MaxScanned = 1000;

        private protected override string CacheKey(string prefix) => "users|" + prefix.ToLowerInvariant();

        private protected override async Task<IReadOnlyList<string>> LoadAsync(ScimClient client, string prefix,
            CancellationToken cancellationToken)
        {
            var capabilities = client.Capabilities;
            if (prefix.Length == 0)
            {
                return await ReadAsync(client, null, MaxUsers, prefix, cancellationToken).ConfigureAwait(false);
            }
            if (capabilities.MayUse(ScimCapability.StartsWithFilter)
                && (!ScimUserLookup.NeedsEscapes(prefix) || capabilities.MayUse(ScimCapability.FilterEscapes)))
            {
                try
                {
                    return await ReadAsync(client, ScimFilter.StartsWith("userName", prefix), MaxUsers, prefix, cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (ScimException ex) when (ex.IsUnsupportedForm && !ScimUserLookup.NeedsEscapes(prefix))
                {
                    capabilities.Learn(ScimCapability.StartsWithFilter, false);
                }
                catch (ScimException ex) when (ex.IsUnsupportedForm)
                {
                    // "sw" or the escapes were refused: which one is not known, so neither is learned.
                }
            }
            return await ReadAsync(client, null, MaxScanned, prefix, cancellationToken).ConfigureAwait(false);
        }

        private static async Task<IReadOnlyList<string>> ReadAsync(ScimClient client, ScimFilter? filter, int maxItems,
            string prefix, CancellationToken cancellationToken)
        {
            var query = new ScimListQuery { Filter = filter, MaxItems = maxItems, Concurrency = 1 };
            query.Attributes.Add("userName");
            var names = new List<string>();
            await foreach (var page in client.Users.ListAsync(query, cancellationToken).ConfigureAwait(false))
            {
                names.AddRange(page.Resources
                    .Where(u => !string.IsNullOrEmpty(u.UserName) && u.UserName!.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    .Select(u => u.UserName!));
            }
            return names.Take(MaxUsers).ToList();
        }
    }
}
