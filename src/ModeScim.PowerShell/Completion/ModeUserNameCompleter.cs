using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Filtering;

namespace ModeScim.PowerShell.Completion
{
    /// <summary>Completes userNames: the server is asked for at most 50 userNames starting with what was typed,
    /// since a workspace may have tens of thousands of users.</summary>
    public sealed class ModeUserNameCompleter : ModeCompleter
    {
        private const int MaxUsers = 50;

        private protected override string CacheKey(string prefix) => "users|" + prefix.ToLowerInvariant();

        private protected override async Task<IReadOnlyList<string>> LoadAsync(ScimClient client, string prefix, CancellationToken cancellationToken)
        {
            var query = new ScimListQuery { MaxItems = MaxUsers, Concurrency = 1 };
            if (prefix.Length > 0)
            {
                query.Filter = ScimFilter.StartsWith("userName", prefix);
            }
            query.Attributes.Add("userName");
            var names = new List<string>();
            await foreach (var page in client.Users.ListAsync(query, cancellationToken).ConfigureAwait(false))
            {
                names.AddRange(page.Resources.Where(u => !string.IsNullOrEmpty(u.UserName)).Select(u => u.UserName!));
            }
            return names;
        }
    }
}
