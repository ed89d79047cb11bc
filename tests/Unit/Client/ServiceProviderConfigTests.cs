using ModeScim.Client.Models;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    public class ServiceProviderConfigTests
    {
        [Fact]
        public void A_server_that_publishes_no_configuration_is_assumed_to_take_patch_and_nothing_else()
        {
            var assumed = ServiceProviderConfig.AssumedDefault();

            Assert.True(assumed.Patch!.Supported);
        }
    }
}
