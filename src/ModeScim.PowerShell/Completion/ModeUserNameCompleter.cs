using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Completion
{
    /// <summary>Completes userNames: the server is asked for at most 50 userNames starting with what was typed,
    /// since a workspace may have tens of thousands of users. Where the server refuses "sw" (as one built only for
    /// the IdPs may), the client's query reads its first few pages instead and matches them.</summary>
    public sealed class ModeUserNameCompleter : ModeCompleter
    {
        private const int MaxUsers = 50;
        private const int MaxScanned = 1000;

        private protected override string CacheKey(string prefix) => "users|" + prefix.ToLowerInvariant();

        private protected override async Task<IReadOnlyList<string>> LoadAsync(ScimClient client, string prefix,
            CancellationToken cancellationToken)
        {
            var conditions = prefix.Length == 0 ? Array.Empty<ScimUserCondition>() : new[] { ScimUserCondition.UserNameStartsWith(prefix) };
            var selection = new ScimUserSelection(conditions);
            var query = new ScimUserQuery(client, new[] { selection }) { First = MaxUsers, MaxScanned = MaxScanned, Concurrency = 1 };
            query.Attributes.Add("userName");
            var names = new List<string>();
            await foreach (var page in query.ReadAsync(selection, new ScimUserQueryOutcome(), cancellationToken).ConfigureAwait(false))
            {
                foreach (var user in page.Users)
                {
                    if (!InputValidation.IsEmpty(user.UserName))
                    {
                        names.Add(user.UserName);
                    }
                }
            }
            return names;
        }
    }
}
