using System.Diagnostics;
using System.Management.Automation;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Probes the connection: is the server reachable, is the token accepted, what does it support,
    /// how long does a request take; and, when connected, whether Mode's REST API accepts its credentials.
    /// Reports problems in the result instead of failing.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "ModeScimConnection")]
    [OutputType(typeof(ModeScimConnectionTestResult), typeof(bool))]
    public sealed class TestModeScimConnectionCommand : ModeScimConnectedCmdlet
    {
        /// <summary>Return only $true or $false.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void EndProcessing()
        {
            var result = new ModeScimConnectionTestResult { BaseUri = ActiveConnection.BaseUri };
            try
            {
                var discovery = Await(Client.DiscoverAsync);
                var config = discovery.Config;
                result.Reachable = true;
                result.Discovery = discovery.State;
                result.ConfigurationPublished = config != null;
                var effective = config ?? ServiceProviderConfig.AssumedDefault();
                result.PatchSupported = effective.Patch.IsSupported && ActiveConnection.PatchSupported;
                result.BulkSupported = effective.Bulk.IsSupported;
                result.FilterMaxResults = effective.Filter.MaxResults;
                ProbeUsers(result);
            }
            catch (ScimException ex)
            {
                // Any HTTP answer, even 401, proves the server is there.
                result.Reachable = ex.StatusCode.HasValue;
                result.Problem = ex.Message;
            }
            ProbeRestApi(result);
            if (Quiet)
            {
                WriteObject(result.Success);
            }
            else
            {
                WriteObject(result);
            }
        }

        /// <summary>With the REST API connected, whether it still accepts the credentials and how long that takes.</summary>
        private void ProbeRestApi(ModeScimConnectionTestResult result)
        {
            var api = ActiveConnection.Api;
            if (api == null)
            {
                return;
            }
            var stopwatch = Stopwatch.StartNew();
            try
            {
                Await(async token =>
                {
                    await api.VerifyAsync(token).ConfigureAwait(false);
                    return true;
                });
                result.RestApiLatencyMs = stopwatch.ElapsedMilliseconds;
                result.RestApiAuthenticated = true;
            }
            catch (ScimException ex)
            {
                result.RestApiAuthenticated = false;
                result.RestApiProblem = ex.Message;
            }
        }

        private void ProbeUsers(ModeScimConnectionTestResult result)
        {
            var stopwatch = Stopwatch.StartNew();
            Await(async token =>
            {
                var query = new ScimListQuery { MaxItems = 1 };
                await foreach (var _ in Client.Users.ListAsync(query, token).ConfigureAwait(false))
                {
                    break;
                }
                return true;
            });
            result.LatencyMs = stopwatch.ElapsedMilliseconds;
            result.Authenticated = true;
        }
    }
}
