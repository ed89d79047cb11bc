using System;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Filtering;
using ModeScim.Client.Models;

namespace ModeScim.Client.Lookups
{
    /// <summary>Finds a group by displayName with a "displayName eq" filter (which both IdPs send), or, for a
    /// name holding a quote or backslash on a server that refuses escapes, on a paged listing.</summary>
    public sealed class ScimGroupLookup
    {
        private readonly ScimClient _client;

        public ScimGroupLookup(ScimClient client)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
        }

        /// <summary>The group with this displayName, regardless of case, or null. Without members unless asked:
        /// a big group's member list is the largest thing a server returns.</summary>
        public async Task<ScimGroup?> FindByDisplayNameAsync(string displayName, bool withMembers, CancellationToken cancellationToken)
        {
            var capabilities = _client.Capabilities;
            var escaped = ScimUserLookup.NeedsEscapes(displayName);
            if (!escaped || capabilities.MayUse(ScimCapability.FilterEscapes))
            {
                try
                {
                    var found = await FirstMatchAsync(ScimFilter.Equal("displayName", displayName), displayName, withMembers, 2,
                        cancellationToken).NoContext();
                    if (escaped)
                    {
                        capabilities.Learn(ScimCapability.FilterEscapes, true);
                    }
                    return found;
                }
                catch (ScimException ex) when (escaped && ex.IsUnsupportedForm)
                {
                    capabilities.Learn(ScimCapability.FilterEscapes, false);
                }
            }
            return await FirstMatchAsync(null, displayName, withMembers, null, cancellationToken).NoContext();
        }

        private async Task<ScimGroup?> FirstMatchAsync(ScimFilter? filter, string displayName, bool withMembers, int? maxItems,
            CancellationToken cancellationToken)
        {
            var query = new ScimListQuery { Filter = filter, MaxItems = maxItems };
            if (!withMembers)
            {
                query.ExcludedAttributes.Add("members");
            }
            await foreach (var page in _client.Groups.ListAsync(query, cancellationToken).NoContext())
            {
                foreach (var group in page.Resources)
                {
                    if (string.Equals(group.DisplayName, displayName, StringComparison.OrdinalIgnoreCase))
                    {
                        return group;
                    }
                }
            }
            return null;
        }
    }
}
