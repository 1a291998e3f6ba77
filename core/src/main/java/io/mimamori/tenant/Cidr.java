package io.mimamori.tenant;

/** An address prefix such as {@code 10.20.0.0/16} or {@code 2001:db8::/32}. */
record Cidr(IpAddress network, int length) {

    /**
     * Parses {@code address/length}; a bare address is a single host ({@code /32} or {@code /128}).
     *
     * @throws IllegalArgumentException saying what is wrong and what to write instead
     */
    static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String addressText = slash < 0 ? s : s.substring(0, slash);
        IpAddress address = IpAddress.parse(addressText);
        if (address != null && !address.v6() && addressText.indexOf(':') >= 0) {
            throw new IllegalArgumentException("'" + text + "' is an IPv4-mapped IPv6 prefix, which never matches:"
                    + " senders are matched by their IPv4 address, so write the IPv4 prefix instead");
        }
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR: write an IPv4 or IPv6 prefix such as"
                    + " 10.20.0.0/16 or 2001:db8:20::/48 (names are not looked up)");
        }
        int length = address.width();
        if (slash >= 0) {
            String lengthText = s.substring(slash + 1);
            if (!lengthText.matches("[0-9]{1,3}") || Integer.parseInt(lengthText) > address.width()) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length: write a number from 0 to "
                        + address.width() + " after '/'");
            }
            length = Integer.parseInt(lengthText);
        }
        IpAddress network = address.network(length);
        if (!network.equals(address)) {
            throw new IllegalArgumentException("'" + text + "' has bits set after the first " + length
                    + ": write " + new Cidr(network, length) + " (or a longer prefix if only part was meant)");
        }
        return new Cidr(network, length);
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }
}
