package org.livepeer.camel.mpegts;

/** The video coding of an elementary stream, and how its NAL unit headers mark a keyframe. */
public enum VideoCodec {
    H264 {
        @Override
        int nalUnitType(int firstHeaderByte) {
            return firstHeaderByte & 0x1F;
        }

        @Override
        boolean isSlice(int nalUnitType) {
            return nalUnitType >= 1 && nalUnitType <= 5;
        }

        @Override
        boolean isKeyframeSlice(int nalUnitType) {
            return nalUnitType == 5; // IDR
        }
    },
    H265 {
        @Override
        int nalUnitType(int firstHeaderByte) {
            return (firstHeaderByte >> 1) & 0x3F;
        }

        @Override
        boolean isSlice(int nalUnitType) {
            return nalUnitType <= 31;
        }

        @Override
        boolean isKeyframeSlice(int nalUnitType) {
            return nalUnitType >= 16 && nalUnitType <= 21; // IRAP: BLA, IDR, CRA
        }
    },
    /** Video we do not look into (MPEG-1/2, MPEG-4 part 2): the random access indicator decides. */
    OTHER {
        @Override
        int nalUnitType(int firstHeaderByte) {
            return -1;
        }

        @Override
        boolean isSlice(int nalUnitType) {
            return false;
        }

        @Override
        boolean isKeyframeSlice(int nalUnitType) {
            return false;
        }
    };

    /** The codec for a PMT stream type, or null if the stream is not video. */
    public static VideoCodec forStreamType(int streamType) {
        return switch (streamType) {
            case 0x1B -> H264;
            case 0x24 -> H265;
            case 0x01, 0x02, 0x10 -> OTHER;
            default -> null;
        };
    }

    abstract int nalUnitType(int firstHeaderByte);

    /** Whether the NAL unit carries picture data, so the picture's kind is known once one is seen. */
    abstract boolean isSlice(int nalUnitType);

    abstract boolean isKeyframeSlice(int nalUnitType);
}
