; Inno Setup script for the Windows installer of recordorg: installs the one-folder
; PyInstaller build (resources/packaging/recordorg.spec) for the current user, with no
; administrator rights needed, and a Start menu entry. Built by .github/workflows/ci.yml:
;   ISCC.exe /DAppVersion=X.Y /DSourceDir=dist\recordorg /DOutputDir=dist\installer recordorg.iss
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\recordorg"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist\installer"
#endif

[Setup]
AppId={{6C0E3C55-5E43-4F7B-9B0C-6D5A0F2B7E11}
AppName=recordorg
AppVersion={#AppVersion}
AppPublisher=recordorg developers
DefaultDirName={autopf}\recordorg
DefaultGroupName=recordorg
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=recordorg-{#AppVersion}-windows-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\recordorg.exe

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\recordorg"; Filename: "{app}\recordorg.exe"
Name: "{autodesktop}\recordorg"; Filename: "{app}\recordorg.exe"; Tasks: desktopicon

; No file association: a case-review bundle (NAME.recordorg.zip) ends in .zip, which Windows
; keeps for itself; it is opened from the window or with "recordorg open FILE".

[Run]
Filename: "{app}\recordorg.exe"; Description: "{cm:LaunchProgram,recordorg}"; Flags: nowait postinstall skipifsilent
