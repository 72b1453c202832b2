#!/bin/sh
# Build the sample newsroom's video clips from its own illustrations (../images/*.jpg).
#
# Every clip was made by this script for Herald (licence: same as the project). A clip is three
# shots of 6 s, each a slow pan or zoom ("Ken Burns") across one picture painted by
# ../images/make_images.py, joined by 1 s crossfades, with a short fade from and to black:
# 3 x 6 s - 2 x 1 s = 16 s. Output: 1280x720, 25 fps, VP9 in WebM, two-pass at a low bitrate,
# no audio track. The subtitles (NAME.LANG.vtt) are written by hand, not by this script.
#
#     apt-get install ffmpeg          # ffmpeg 5.1 or later, built with libvpx
#     sh make_videos.sh               # writes every .webm next to this script
#     sh make_videos.sh lantern-night # only this clip
#
# Motion is computed from the frame number only and the encoder runs single-threaded with
# bitexact flags, so the same ffmpeg build gives the same files (checked with ffmpeg 5.1 and
# libvpx 1.12: two runs, identical bytes). A run takes about two minutes per clip. Sizes and durations must agree
# with ../media.toml ([[videos]]).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
IMAGES="$HERE/../images"
W=1280            # output size
H=720
FPS=25
SHOT=6            # seconds per shot
FADE=1            # seconds of crossfade between shots
BITRATE=230k      # VP9 target; keeps each clip near 450 KB
BIG_W=$((W * 4))  # pictures are enlarged 4x before panning, so motion moves in quarter pixels
BIG_H=$((H * 4))
FRAMES=$((SHOT * FPS))

# zoompan filter for one landscape shot.
#   $1 $2  zoom at the first and the last frame (1 = whole picture)
#   $3 $4  horizontal position of the window, first and last frame (0 = left edge, 1 = right)
#   $5 $6  vertical position, first and last frame (0 = top, 1 = bottom)
zoom() {
  p="on/$((FRAMES - 1))"
  printf "scale=%d:%d:flags=lanczos,zoompan=z='%s+(%s-%s)*%s':x='(iw-iw/zoom)*(%s+(%s-%s)*%s)':y='(ih-ih/zoom)*(%s+(%s-%s)*%s)':d=%d:s=%dx%d:fps=%d" \
    "$BIG_W" "$BIG_H" "$1" "$2" "$1" "$p" "$3" "$4" "$3" "$p" "$5" "$6" "$5" "$p" \
    "$FRAMES" "$W" "$H" "$FPS"
}

# Filter for one portrait picture: a vertical pan of a 16:9 window across its full width.
#   $1 $2  vertical position at the first and last frame (0 = top, 1 = bottom)
pan_tall() {
  printf "scale=%d:-2:flags=lanczos,crop=%d:%d:0:'(ih-oh)*(%s+(%s-%s)*n/%d)',scale=%d:%d:flags=lanczos" \
    "$BIG_W" "$BIG_W" "$BIG_H" "$1" "$2" "$1" "$((FRAMES - 1))" "$W" "$H"
}

# clip NAME IMAGE1 FILTER1 IMAGE2 FILTER2 IMAGE3 FILTER3
# Each shot is rendered on its own to a lossless intermediate (FFV1) in a temporary folder, then
# the three are joined with crossfades and encoded in two passes. A zoom() shot reads its picture
# once and zoompan makes the frames; a pan_tall() shot (its filter starts with "scale=W:-2")
# reads the picture once per frame.
clip() {
  name=$1
  shift
  tmp=$(mktemp -d)
  i=0
  while [ $# -gt 0 ]; do
    img="$IMAGES/$1.jpg"
    loop=""
    case $2 in
      "scale=$BIG_W:-2"*) loop="-loop 1 -framerate $FPS -t $SHOT" ;;
    esac
    # shellcheck disable=SC2086 # $loop is a list of arguments
    ffmpeg -nostdin -hide_banner -loglevel error -y $loop -i "$img" \
      -vf "format=rgb24,$2,trim=end_frame=$FRAMES,setsar=1,format=yuv420p" \
      -r $FPS -c:v ffv1 "$tmp/shot$i.mkv"
    i=$((i + 1))
    shift 2
  done
  total=$((3 * SHOT - 2 * FADE))
  graph="[0:v][1:v]xfade=transition=fade:duration=$FADE:offset=$((SHOT - FADE))[x1];"
  graph="$graph[x1][2:v]xfade=transition=fade:duration=$FADE:offset=$((2 * SHOT - 2 * FADE)),"
  graph="${graph}fade=t=in:st=0:d=0.6,fade=t=out:st=$((total - 1)).2:d=0.8,trim=duration=$total[v]"
  for pass in 1 2; do
    out="$HERE/$name.webm"
    [ $pass = 1 ] && out=/dev/null
    ffmpeg -nostdin -hide_banner -loglevel error -y \
      -i "$tmp/shot0.mkv" -i "$tmp/shot1.mkv" -i "$tmp/shot2.mkv" \
      -filter_complex "$graph" -map "[v]" -an \
      -c:v libvpx-vp9 -b:v "$BITRATE" -deadline good -cpu-used 2 -row-mt 0 -threads 1 \
      -g 125 -pix_fmt yuv420p -pass $pass -passlogfile "$tmp/vp9" \
      -map_metadata -1 -fflags +bitexact -flags:v +bitexact -f webm "$out"
  done
  rm -rf "$tmp"
  echo "$name.webm: $(wc -c <"$HERE/$name.webm") bytes"
}

lantern_night() {
  # Hue at dusk: the citadel gate at sunset, lanterns on the river at night, a pagoda roof.
  clip lantern-night \
    hue-citadel "$(zoom 1.00 1.18 0.50 0.50 0.35 0.55)" \
    river-lanterns "$(zoom 1.22 1.22 0.05 0.80 0.70 0.55)" \
    pagoda-roof "$(pan_tall 0.95 0.05)"
}

green_routes() {
  # Green routes: rice terraces in Lao Cai, wild sunflowers near Da Lat, Ha Long Bay.
  clip green-routes \
    terraced-fields "$(zoom 1.05 1.25 0.55 0.60 0.30 0.45)" \
    wild-sunflowers "$(zoom 1.20 1.20 0.00 0.85 0.75 0.60)" \
    ha-long-bay "$(zoom 1.28 1.02 0.45 0.50 0.45 0.50)"
}

if [ $# -eq 0 ]; then
  set -- lantern-night green-routes
fi
for name in "$@"; do
  case $name in
    lantern-night) lantern_night ;;
    green-routes) green_routes ;;
    *) echo "unknown clip: $name" >&2; exit 1 ;;
  esac
done
