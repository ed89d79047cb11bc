using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.PowerShell.Connections;

namespace ModeScim.PowerShell.Completion
{
    /// <summary>Tab completion from the current connection. Silent when not connected or when the server is
    /// slow or failing: completion must never print an error or hang the prompt.</summary>
    public abstract class ModeCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = ConnectionRegistry.Current;
            if (connection == null || !connection.IsOpen)
            {
                return Enumerable.Empty<CompletionResult>();
            }
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            try
            {
                var names = CompletionCache.GetOrAdd(connection, CacheKey(prefix), () => Load(connection.Client, prefix));
                return names
                    .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                    .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n))
                    .ToList();
            }
            catch (Exception ex) when (ex is ScimException || ex is OperationCanceledException || ex is AggregateException
                || ex is ArgumentException || ex is InvalidOperationException || ex is System.Text.Json.JsonException
                || ex is System.Net.Http.HttpRequestException || ex is System.IO.IOException)
            {
                return Enumerable.Empty<CompletionResult>();
            }
        }

        private protected abstract string CacheKey(string prefix);

        private protected abstract Task<IReadOnlyList<string>> LoadAsync(ScimClient client, string prefix,
            CancellationToken cancellationToken);

        private IReadOnlyList<string> Load(ScimClient client, string prefix)
        {
            using (var timeout = new CancellationTokenSource(Budget))
            {
                return LoadAsync(client, prefix, timeout.Token).GetAwaiter().GetResult();
            }
        }

        // A bare word is fine for "ada@example.com"; spaces, quotes and characters PowerShell reads as syntax need quotes.
        private static string Quote(string value)
        {
            var needsQuotes = value.Length == 0
                || "@-#<>".IndexOf(value[0]) >= 0
                || value.Any(c => char.IsWhiteSpace(c) || "'\"$`();,{}&|".IndexOf(c) >= 0);
            return needsQuotes ? "'" + value.Replace("'", "''") + "'" : value;
        }
    }
}
