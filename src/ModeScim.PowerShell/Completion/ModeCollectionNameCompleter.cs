using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.ModeApi;
using ModeScim.PowerShell.Connections;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Completion
{
    /// <summary>Completes the names of shared collections, the only kind -HandoverCollection takes, from Mode's REST API
    /// (nothing without it). One listing of at most 1,000 collections serves every prefix for a minute.</summary>
    public sealed class ModeCollectionNameCompleter : ModeCompleter
    {
        private const int MaxCollections = 1000;

        private protected override string CacheKey(string prefix) => "collections";

        private protected override Task<IReadOnlyList<string>> LoadAsync(ScimClient client, string prefix,
            CancellationToken cancellationToken)
        {
            var api = ConnectionRegistry.Current?.Api;
            return api == null ? Task.FromResult<IReadOnlyList<string>>(System.Array.Empty<string>()) : LoadAsync(api, cancellationToken);
        }

        private static async Task<IReadOnlyList<string>> LoadAsync(ModeApiClient api, CancellationToken cancellationToken)
        {
            var names = new List<string>();
            var read = 0;
            await foreach (var page in api.ListSpacePagesAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var space in page)
                {
                    if (!space.IsPersonal && !InputValidation.IsEmpty(space.Name))
                    {
                        names.Add(space.Name);
                    }
                }
                read += page.Count;
                if (read >= MaxCollections)
                {
                    break;
                }
            }
            return names;
        }
    }
}
