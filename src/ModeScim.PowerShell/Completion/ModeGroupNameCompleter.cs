using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Completion
{
    /// <summary>Completes group displayNames. Workspaces have few groups: one list (without members, at most
    /// 1,000 names) serves every prefix for a minute.</summary>
    public sealed class ModeGroupNameCompleter : ModeCompleter
    {
        private const int MaxGroups = 1000;

        private protected override string CacheKey(string prefix) => "groups";

        private protected override async Task<IReadOnlyList<string>> LoadAsync(ScimClient client, string prefix,
            CancellationToken cancellationToken)
        {
            var query = new ScimListQuery { MaxItems = MaxGroups };
            query.ExcludedAttributes.Add("members");
            var names = new List<string>();
            await foreach (var page in client.Groups.ListAsync(query, cancellationToken).ConfigureAwait(false))
            {
                foreach (var group in page.Resources)
                {
                    if (!InputValidation.IsEmpty(group.DisplayName))
                    {
                        names.Add(group.DisplayName);
                    }
                }
            }
            return names;
        }
    }
}
