using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Filtering;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Users
{
    /// <summary>The groups a user is in right now. SCIM puts them on the user (read-only "groups"); a server
    /// that leaves that attribute out is asked for the groups whose members include the user.</summary>
    internal static class UserMemberships
    {
        public static async Task<List<ModeGroupMembership>> ReadAsync(ScimClient client, ScimUser user, CancellationToken cancellationToken)
        {
            if (user.Groups != null)
            {
                return user.Groups.Where(g => g.Value != null).Select(g => new ModeGroupMembership { Id = g.Value!, DisplayName = g.Display }).ToList();
            }
            var query = new ScimListQuery { Filter = ScimFilter.Raw("members[value eq " + ScimFilter.Quote(user.Id!) + "]") };
            query.Attributes.Add("displayName");
            var groups = new List<ModeGroupMembership>();
            await foreach (var page in client.Groups.ListAsync(query, cancellationToken).ConfigureAwait(false))
            {
                groups.AddRange(page.Resources.Select(g => new ModeGroupMembership { Id = g.Id ?? string.Empty, DisplayName = g.DisplayName }));
            }
            return groups;
        }
    }
}
