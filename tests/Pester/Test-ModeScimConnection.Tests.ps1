BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 2
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Test-ModeScimConnection' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator
    }

    It 'reports a healthy connection as reachable and authenticated, with a latency' {
        Connect-TestEmulator -Emulator $script:Emulator

        $result = Test-ModeScimConnection

        $result.Success | Should -BeTrue
        $result.Reachable | Should -BeTrue
        $result.Authenticated | Should -BeTrue
        $result.LatencyMs | Should -BeGreaterOrEqual 0
        $result.PatchSupported | Should -BeTrue
        $result.Problem | Should -BeNullOrEmpty
    }

    It 'reports a rejected token as reachable but not authenticated, without throwing' {
        Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString 'revoked') -SkipDiscovery

        $result = Test-ModeScimConnection

        $result.Reachable | Should -BeTrue
        $result.Authenticated | Should -BeFalse
        $result.Problem | Should -BeLike '*401*'
    }

    It 'answers only true or false with -Quiet' {
        Connect-TestEmulator -Emulator $script:Emulator
        Test-ModeScimConnection -Quiet | Should -BeExactly $true

        Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString 'revoked') -SkipDiscovery
        Test-ModeScimConnection -Quiet | Should -BeExactly $false
    }

    It 'tests a connection given with -Connection rather than the current one' {
        $good = Connect-TestEmulator -Emulator $script:Emulator -PassThru
        Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString 'revoked') -SkipDiscovery

        (Test-ModeScimConnection -Connection $good).Success | Should -BeTrue
        (Test-ModeScimConnection).Success | Should -BeFalse
        Disconnect-ModeScim -Connection $good
    }

    It 'fails with ModeScim.NotConnected when there is no connection' {
        Disconnect-ModeScim
        { Test-ModeScimConnection } | Should -Throw -ErrorId 'ModeScim.NotConnected,ModeScim.PowerShell.Commands.TestModeScimConnectionCommand'
    }
}
