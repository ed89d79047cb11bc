BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 3
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Disconnect-ModeScim' {
    It 'closes the current connection so later cmdlets fail with ModeScim.NotConnected' {
        Connect-TestEmulator -Emulator $script:Emulator

        Disconnect-ModeScim

        Get-ModeScimConnection | Should -BeNullOrEmpty
        { Get-ModeUser } | Should -Throw -ErrorId 'ModeScim.NotConnected,ModeScim.PowerShell.Commands.GetModeUserCommand'
    }

    It 'closes a piped connection' {
        $connection = Connect-TestEmulator -Emulator $script:Emulator -PassThru

        $connection | Disconnect-ModeScim

        $connection.IsOpen | Should -BeFalse
        Get-ModeScimConnection | Should -BeNullOrEmpty
    }

    It 'does nothing, without error, when not connected' {
        Disconnect-ModeScim
        { Disconnect-ModeScim -ErrorAction Stop } | Should -Not -Throw
    }

    It 'refuses a closed connection passed with -Connection' {
        $connection = Connect-TestEmulator -Emulator $script:Emulator -PassThru
        Disconnect-ModeScim

        { Get-ModeUser -Connection $connection } | Should -Throw -ErrorId 'ModeScim.NotConnected,ModeScim.PowerShell.Commands.GetModeUserCommand'
    }
}
