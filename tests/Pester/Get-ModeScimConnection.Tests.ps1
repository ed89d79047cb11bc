BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Get-ModeScimConnection' {
    It 'returns nothing when not connected, so scripts can test for it' {
        Disconnect-ModeScim
        Get-ModeScimConnection | Should -BeNullOrEmpty
    }

    It 'returns the current connection with its capabilities' {
        Connect-TestEmulator -Emulator $script:Emulator
        $connection = Get-ModeScimConnection

        $connection | Should -BeOfType 'ModeScim.PowerShell.Connections.ModeScimConnection'
        $connection.IsOpen | Should -BeTrue
        $connection.AuthenticationSchemes | Should -Contain 'oauthbearertoken'
        $connection.MaxRetries | Should -Be 2
    }

    It 'formats as a table, on request, that names the base URI within 80 columns' {
        Connect-TestEmulator -Emulator $script:Emulator
        $table = Get-ModeScimConnection | Format-Table | Out-String -Width 80

        $table | Should -BeLike '*BaseUri*Patch*'
        $table | Should -BeLike "*$($script:Emulator.BaseUri.TrimEnd('/'))*"
    }
}
